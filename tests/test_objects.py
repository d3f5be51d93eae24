"""Functions, procedures, aggregates, triggers, views, rules, domains and other types: declared in code
(``pgshift.objects``, alembic_utils entities, SQL files), read back through a scratch database, pulled,
diffed in dependency order, migrated up and down — checked against ``tests/catalog_facts.py``, whose
queries are independent of pgshift's introspection."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.pull import pull
from pgshift.api.push import push
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.config import load_config
from pgshift.errors import PgshiftError
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.corpus_db import load_corpus
from tests.pgversions import on_every_version

# The fact kinds these objects own (tests/catalog_facts.py); tables, columns and constraints are others'.
KINDS = (
    "function", "trigger", "view", "rule", "type", "collation", "extension",
    "trigger_comment", "rule_comment", "sequence_comment", "view_comment", "view_index",
    "event_trigger", "event_trigger_comment", "table_access_method",
)  # fmt: skip
TRACKING = ["drizzle"]


def facts(url: str) -> list[str]:
    return catalog_facts(url, exclude_schemas=TRACKING, kinds=KINDS)


def schema_facts(url: str, schemas: tuple[str, ...]) -> list[str]:
    """The independent schema facts (name, comment) of the schemas a project manages."""
    found = catalog_facts(url, exclude_schemas=TRACKING, kinds=("schema",))
    return [f for f in found if f.split(" | ")[1] in schemas]


def project(
    root: Path, db_url: str, out: str = "drizzle", schema_filter: tuple[str, ...] = ("public",)
) -> Path:
    """A pgshift.toml whose scratch server is the test server."""
    root.mkdir(parents=True, exist_ok=True)
    server = psycopg.conninfo.make_conninfo(db_url, dbname="postgres")
    # JSON's string escapes are TOML's: a schema named 'SPECIAL "@/\\#~_-' (PostgREST's corpus) stays one
    filters = ", ".join(json.dumps(s) for s in schema_filter)
    (root / "pgshift.toml").write_text(
        f'schema = "schema.py"\nout = "{out}"\ndev_url = "{server}"\nschema_filter = [{filters}]\n'
    )
    return root / "pgshift.toml"


# -- the corpus: pull D -> code -> generate from empty -> migrate a fresh database ----------------------

CORPORA = ["pagila", "contrib", "edge"]  # contrib is skipped where the server has no contrib modules

# Differences known and named, per corpus: (fact in the corpus, fact in the migrated copy). The test
# fails if any other fact differs, and also if a known gap closes (then remove it here).
KNOWN_GAPS: dict[str, list[tuple[str, str]]] = {}


def without_known_gaps(name: str, migrated: list[str], source: list[str]) -> tuple[list[str], list[str]]:
    gaps = KNOWN_GAPS.get(name, [])
    for in_source, in_migrated in gaps:
        assert in_source in source and in_migrated in migrated, f"known gap closed or changed: {in_source}"
    return (
        [f for f in migrated if f not in {m for _, m in gaps}],
        [f for f in source if f not in {s for s, _ in gaps}],
    )


@on_every_version
@pytest.mark.parametrize("name", CORPORA)
def test_corpus_round_trip(name: str, pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    source = load_corpus(make_db, name)
    schemas = ("public", "billing") if name == "edge" else ("public",)
    config = project(tmp_path, source, out="pulled", schema_filter=schemas)
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert pulled.model.functions or pulled.model.views or pulled.model.defined

    # (2) push of the pulled code onto D plans nothing
    plan = push(source, config=config, dry_run=True)
    assert [op.describe() for op in plan.plan.operations] == []

    # (1) generate from empty -> migrate a fresh database gives D's facts
    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh", schema_filter=schemas)
    first = generate(fresh_config, name="all")
    assert first.tag is not None
    assert any("scratch database" in note for note in first.notes)
    fresh = make_db()
    migrate(fresh, config=fresh_config)
    migrated_facts, source_facts = without_known_gaps(name, facts(fresh), facts(source))
    assert_same_facts(migrated_facts, source_facts, f"{name}: migrated database differs from the corpus")
    # the schemas pulled, with their comments (declared with objects.Comment)
    assert_same_facts(schema_facts(fresh, schemas), schema_facts(source, schemas), f"{name}: schemas differ")

    # (3) status shows no drift; generate again says no changes
    report = status(fresh, config=fresh_config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(fresh_config).tag is None


# -- a small schema through its versions ----------------------------------------------------------------

V1 = """
from sqlalchemy import Column, Integer, MetaData, Numeric, Table, Text, text
from pgshift import objects

metadata = MetaData()
items = Table(
    "items", metadata,
    Column("id", Integer, primary_key=True),
    Column("price", Numeric, nullable=False, server_default=text("net_price(1.5)")),
    Column("name", Text),
)
objects.register(metadata, [
    objects.Function("public", "net_price(amount numeric)", "RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * BODY $$"),
    objects.Function("public", "stamp()", "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$"),
    objects.View("public", "cheap", "SELECT id, name, net_price(price) AS net FROM items WHERE price < LIMIT"),
    objects.View("public", "cheap_names", "SELECT name FROM cheap"),
    objects.Trigger("public", "items_stamp", "BEFORE INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION stamp()"),
    objects.Rule("public", "no_delete", "ON DELETE TO public.items DO INSTEAD NOTHING"),
    objects.Aggregate("public", "total(numeric)", "SFUNC = numeric_add, STYPE = numeric"),
    objects.SQL("CREATE DOMAIN public.positive AS integer CHECK (VALUE > 0)"),
])
"""


def use_schema(root: Path, name: str, code: str) -> None:
    """Write ``code`` as a new module and point the config at it (the loader caches a module by file)."""
    (root / f"{name}.py").write_text(code)
    config = root / "pgshift.toml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith("schema =")]
    config.write_text(f'schema = "{name}.py"\n' + "\n".join(lines) + "\n")


def _write(root: Path, body: str, limit: int) -> None:
    use_schema(root, f"schema_{body}_{limit}", V1.replace("BODY", body).replace("LIMIT", str(limit)))


def test_versions_up_and_down(make_db: Callable[[], str], db_url: str, tmp_path: Path) -> None:
    config = project(tmp_path, db_url)
    _write(tmp_path, "2", 10)
    assert generate(config, name="v1").tag
    _write(tmp_path, "3", 20)  # a function body and a view change: OR REPLACE, and the view rebuilt
    second = generate(config, name="v2")
    assert second.tag
    actions = [op.action for op in second.ops]
    assert "replace_function" in actions and "drop_view" in actions, actions
    sql = second.sql
    # the view reading the changed view is dropped first and created after it
    assert sql.index('DROP VIEW "public"."cheap_names"') < sql.index('DROP VIEW "public"."cheap"')
    assert sql.index('CREATE VIEW "public"."cheap"') < sql.index('CREATE VIEW "public"."cheap_names"')
    assert generate(config).tag is None

    target = make_db()
    migrate(target, config=config, to=generate_tag(config, 0))
    before = facts(target)
    migrate(target, config=config)
    after = facts(target)
    assert before != after
    with psycopg.connect(target) as conn:
        assert conn.execute("SELECT net_price(10)").fetchone() == (30,)
        conn.execute("INSERT INTO items (id, price, name) VALUES (1, 5, 'x')")
        assert conn.execute("SELECT name, net FROM cheap").fetchone() == ("X", 15)
    report = status(target, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    with psycopg.connect(target, autocommit=True) as conn:  # a hand-made change is drift, in a sentence
        conn.execute("DROP TRIGGER items_stamp ON items")
        conn.execute(
            "CREATE OR REPLACE FUNCTION net_price(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE "
            "AS $$ SELECT amount * 4 $$"
        )
    drifted = status(target, config=config).drift
    assert drifted is not None
    messages = sorted(item.message for item in drifted.items)
    assert any(m.startswith("replace function public.net_price(amount numeric)") for m in messages), messages
    assert any(
        m.startswith("trigger items.items_stamp is in the schema but not in the database") for m in messages
    ), messages
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(
            "CREATE OR REPLACE FUNCTION net_price(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE "
            "AS $$ SELECT amount * 3 $$"
        )
        conn.execute(
            "CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp()"
        )
    rollback(target, config=config)
    assert_same_facts(facts(target), before, "down did not restore the previous version")


def generate_tag(config: Path, index: int) -> str:
    from pgshift.folder.files import read_journal

    return read_journal(load_config(config).out_dir).entries[index].tag


def test_function_used_by_a_default_is_created_before_the_table(db_url: str, tmp_path: Path) -> None:
    config = project(tmp_path, db_url)
    _write(tmp_path, "2", 10)
    result = generate(config, name="v1")
    sql = result.sql
    assert sql.index("FUNCTION public.net_price") < sql.index('CREATE TABLE "public"."items"')
    assert sql.index('CREATE TABLE "public"."items"') < sql.index("FUNCTION public.stamp")
    assert sql.index('CREATE VIEW "public"."cheap"') < sql.index("CREATE TRIGGER items_stamp")
    assert "CREATE DOMAIN public.positive" in sql


def test_push_creates_and_drops_declared_objects(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    config = project(tmp_path, db_url)
    _write(tmp_path, "2", 10)
    result = push(db_url, config=config)
    assert result.applied
    assert db.execute("SELECT net_price(2)").fetchone() == (4,)
    assert push(db_url, config=config).plan.operations == ()
    use_schema(
        tmp_path,
        "tables_only",
        "from sqlalchemy import *\nmetadata = MetaData()\n"
        "items = Table('items', metadata, Column('id', Integer, primary_key=True),"
        " Column('price', Numeric, nullable=False), Column('name', Text))\n",
    )
    result = push(db_url, config=config, force=True)
    assert result.applied
    left = db.execute(
        "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
    ).fetchone()
    assert left == (0,)
    assert db.execute("SELECT to_regclass('cheap')").fetchone() == (None,)


def test_alembic_utils_entities_are_accepted(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    pytest.importorskip("alembic_utils")
    config = project(tmp_path, db_url)
    use_schema(
        tmp_path,
        "with_alembic_utils",
        "from sqlalchemy import *\n"
        "from alembic_utils.pg_function import PGFunction\n"
        "from alembic_utils.pg_view import PGView\n"
        "from alembic_utils.pg_trigger import PGTrigger\n"
        "from pgshift import objects\n"
        "metadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True), Column('v', Text))\n"
        "objects.register(metadata, [\n"
        "  PGFunction(schema='public', signature='up_v()', definition='RETURNS trigger LANGUAGE plpgsql"
        " AS $$ BEGIN NEW.v := upper(NEW.v); RETURN NEW; END $$'),\n"
        "  PGView(schema='public', signature='vv', definition='SELECT id, v FROM t'),\n"
        "  PGTrigger(schema='public', signature='t_up', on_entity='public.t',"
        " definition='BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION up_v()'),\n"
        "])\n",
    )
    push(db_url, config=config)
    db.execute("INSERT INTO t VALUES (1, 'a')")
    assert db.execute("SELECT v FROM vv").fetchone() == ("A",)
    assert push(db_url, config=config).plan.operations == ()


def test_sql_files_from_the_config(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    config = project(tmp_path, db_url)
    config.write_text(config.read_text() + 'sql = ["db/functions.sql"]\n')
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "functions.sql").write_text(
        "CREATE FUNCTION public.twice(x int) RETURNS int LANGUAGE sql AS $$ SELECT 2 * x $$;\n"
        "CREATE VIEW public.numbers AS SELECT twice(id) AS n FROM public.t;\n"
    )
    use_schema(
        tmp_path,
        "just_t",
        "from sqlalchemy import *\nmetadata = MetaData()\nt = Table('t', metadata, Column('id', Integer, primary_key=True))\n",
    )
    result = generate(config, name="init")
    assert "twice" in result.sql and "numbers" in result.sql
    push(db_url, config=config)
    db.execute("INSERT INTO t VALUES (21)")
    assert db.execute("SELECT n FROM numbers").fetchone() == (42,)
    # reformatting the body's surroundings is not a change: the server reads both the same way
    (tmp_path / "db" / "functions.sql").write_text(
        "create function public.twice(x integer) returns integer language sql as $$ SELECT 2 * x $$;\n"
        "create view public.numbers as select twice(id) as n from t;\n"
    )
    assert push(db_url, config=config).plan.operations == ()


def test_a_table_only_schema_needs_no_database(tmp_path: Path) -> None:
    (tmp_path / "table_only.py").write_text(
        "from sqlalchemy import *\nmetadata = MetaData()\nt = Table('t', metadata, Column('id', Integer, primary_key=True))\n"
    )
    (tmp_path / "pgshift.toml").write_text(
        'schema = "table_only.py"\ndev_url = "postgresql://nobody@127.0.0.1:1/x"\n'
    )
    result = generate(tmp_path / "pgshift.toml", name="init")
    assert result.tag and not result.notes


# -- event triggers (database-wide, managed with the schema of their function) ----------------------------

EVENT_TRIGGERS = """
CREATE SCHEMA elsewhere;
CREATE FUNCTION public.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', tg_tag; END $$;
CREATE FUNCTION elsewhere.audit() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE TABLE public.t (id integer PRIMARY KEY);
CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION public.note_ddl();
CREATE EVENT TRIGGER "watch drops" ON sql_drop WHEN TAG IN ('DROP TABLE', 'DROP VIEW')
    EXECUTE FUNCTION public.note_ddl();
ALTER EVENT TRIGGER "watch drops" DISABLE;
COMMENT ON EVENT TRIGGER "watch drops" IS 'what went';
CREATE EVENT TRIGGER replica_only ON ddl_command_start EXECUTE FUNCTION public.note_ddl();
ALTER EVENT TRIGGER replica_only ENABLE REPLICA;
CREATE EVENT TRIGGER not_ours ON ddl_command_end EXECUTE FUNCTION elsewhere.audit();
"""
OURS = ("audit_ddl", "watch drops", "replica_only")


def event_trigger_facts(url: str) -> list[str]:
    """The independent facts (tests/catalog_facts.py) of the event triggers the project manages."""
    found = catalog_facts(url, kinds=("event_trigger", "event_trigger_comment"))
    return [f for f in found if f.split(" | ")[1] in OURS]


def test_event_triggers_round_trip(make_db: Callable[[], str], tmp_path: Path) -> None:
    """pull -> code -> generate -> migrate a fresh database gives the same event triggers (name, event,
    tags, function, enabled, comment); push of the pulled code plans nothing; the one whose function is
    outside the managed schemas is listed as not managed and left alone; the down file drops them."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(EVENT_TRIGGERS.encode())
    config = project(tmp_path, source, out="pulled")
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert {e.name for e in pulled.model.event_triggers} == set(OURS)
    listed = {(u.kind, u.name) for u in pulled.unmanaged}
    assert ("event trigger", "not_ours") in listed
    assert not {("event trigger", name) for name in OURS} & listed
    code = (tmp_path / "schema.py").read_text()
    assert "objects.EventTrigger('watch drops', 'sql_drop'" in code, code

    plan = push(source, config=config, dry_run=True)
    assert [op.describe() for op in plan.plan.operations] == []

    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh")
    first = generate(fresh_config, name="all")
    assert first.tag is not None
    sql = first.sql
    assert sql.index("CREATE OR REPLACE FUNCTION public.note_ddl()") < sql.index(
        'CREATE EVENT TRIGGER "audit_ddl"'
    )
    creates = [op for op in first.ops if op.action == "create_event_trigger"]
    assert creates and all(h.kind == "precondition" for op in creates for h in op.hazards())
    fresh = make_db()
    migrate(fresh, config=fresh_config)
    assert_same_facts(event_trigger_facts(fresh), event_trigger_facts(source), "event triggers differ")
    assert len(event_trigger_facts(fresh)) == 4  # three triggers and one comment

    report = status(fresh, config=fresh_config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(fresh_config).tag is None
    with psycopg.connect(fresh, autocommit=True) as conn:  # a hand-made change is drift, in a sentence
        conn.execute('ALTER EVENT TRIGGER "watch drops" ENABLE')
        conn.execute("DROP EVENT TRIGGER audit_ddl")
    drifted = status(fresh, config=fresh_config).drift
    assert drifted is not None
    messages = sorted(item.message for item in drifted.items)
    assert any(
        m.startswith("event trigger audit_ddl is in the schema but not in the database") for m in messages
    )
    assert any(m.startswith("alter event trigger watch drops would be needed") for m in messages), messages
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute('ALTER EVENT TRIGGER "watch drops" DISABLE')
        conn.execute("CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION public.note_ddl()")
    rollback(fresh, config=fresh_config)
    assert event_trigger_facts(fresh) == []


def test_event_triggers_change_in_place_or_are_rebuilt(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """Declared with objects.EventTrigger: enabling and commenting alter it in place; new tags drop and
    create it again; a function moved to another schema takes it along (dropped before, created after)."""
    config = project(tmp_path, db_url, schema_filter=("public", "ops"))
    base = (
        "from sqlalchemy import MetaData\nfrom pgshift import objects\nmetadata = MetaData()\n"
        "objects.register(metadata, [\n"
        "  objects.SQL('CREATE SCHEMA IF NOT EXISTS ops'),\n"
        "  objects.Function('FNS', 'note()', 'RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$'),\n"
        "  objects.EventTrigger('note', 'ddl_command_end', 'FNS.note', ARGS),\n"
        "])\n"
    )
    versions = [
        ("public", "tags=('CREATE TABLE',)"),
        ("public", "tags=('CREATE TABLE',), enabled='always', comment='noted'"),
        ("public", "tags=('CREATE TABLE', 'CREATE VIEW'), enabled='always', comment='noted'"),
        ("ops", "tags=('CREATE TABLE', 'CREATE VIEW'), enabled='always', comment='noted'"),
    ]
    actions = []
    for index, (schema, args) in enumerate(versions):
        use_schema(tmp_path, f"evt_{index}", base.replace("FNS", schema).replace("ARGS", args))
        result = push(db_url, config=config)
        actions.append([op.action.value for op in result.plan.operations if "event_trigger" in op.action])
        assert push(db_url, config=config).plan.operations == ()
    assert actions == [
        ["create_event_trigger"],
        ["alter_event_trigger"],
        ["drop_event_trigger", "create_event_trigger"],
        ["drop_event_trigger", "create_event_trigger"],
    ]
    row = db.execute(
        "SELECT e.evtenabled, e.evttags::text, p.pronamespace::regnamespace::text, "
        "obj_description(e.oid, 'pg_event_trigger') FROM pg_event_trigger e JOIN pg_proc p ON p.oid = e.evtfoid"
    ).fetchall()
    assert row == [("A", '{"CREATE TABLE","CREATE VIEW"}', "ops", "noted")]


def test_event_trigger_declared_in_a_sql_file(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    """The config's SQL files run as written on the scratch database, CREATE EVENT TRIGGER too."""
    config = project(tmp_path, db_url)
    config.write_text(config.read_text() + 'sql = ["db/events.sql"]\n')
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "events.sql").write_text(
        "CREATE FUNCTION public.note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;\n"
        "CREATE EVENT TRIGGER note ON sql_drop EXECUTE FUNCTION public.note();\n"
        "ALTER EVENT TRIGGER note DISABLE;\n"
        "COMMENT ON EVENT TRIGGER note IS 'from a file';\n"
    )
    use_schema(tmp_path, "no_tables", "from sqlalchemy import MetaData\nmetadata = MetaData()\n")
    result = push(db_url, config=config)
    assert [op.describe() for op in result.plan.operations] == [
        "create function public.note()",
        "create event trigger note",
    ]
    assert db.execute(
        "SELECT evtevent, evtenabled, obj_description(oid, 'pg_event_trigger') FROM pg_event_trigger"
    ).fetchall() == [("sql_drop", "D", "from a file")]
    (tmp_path / "db" / "events.sql").write_text(  # spelled differently, the same event trigger
        "create function public.note() returns event_trigger language plpgsql as $$ BEGIN END $$;\n"
        'create event trigger "note" on sql_drop execute procedure note();\n'
        "alter event trigger note disable; comment on event trigger note is 'from a file';\n"
    )
    assert push(db_url, config=config).plan.operations == ()


def test_an_extensions_event_trigger_is_the_extensions(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """An event trigger that belongs to an extension (pg_depend deptype 'e') is neither modelled nor
    listed: the extension brings it."""
    if not db.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'hstore'").fetchone():
        pytest.skip("hstore is not installed on this server")
    db.execute(
        "CREATE EXTENSION hstore;"
        "CREATE FUNCTION public.note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;"
        "CREATE EVENT TRIGGER bundled ON sql_drop EXECUTE FUNCTION public.note();"
        "ALTER EXTENSION hstore ADD EVENT TRIGGER bundled;"
        "ALTER EXTENSION hstore ADD FUNCTION public.note();"
    )
    config = project(tmp_path, db_url)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert pulled.model.event_triggers == () and pulled.model.functions == ()
    assert "bundled" not in {u.name for u in pulled.unmanaged}
    assert push(db_url, config=config, dry_run=True).plan.operations == ()


# -- a table's access method (USING; the access method itself is not managed) -----------------------------

HEAP2 = "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;"


def access_method_facts(url: str) -> list[str]:
    return catalog_facts(url, exclude_schemas=TRACKING, kinds=("relation", "table_access_method"))


def test_table_access_method_round_trip(make_db: Callable[[], str], tmp_path: Path) -> None:
    """pull -> code (postgresql_using) -> generate -> migrate a database that has the access method gives
    the same tables on the same access methods; push of the pulled code plans nothing; the access method
    itself stays "not managed", and a database without it refuses the migration by name, never makes a
    heap table instead."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            HEAP2 + "CREATE TABLE public.events (id integer PRIMARY KEY, body text) USING heap2;"
            "CREATE TABLE public.plain (id integer) USING heap;"
        )
    config = project(tmp_path, source, out="pulled")
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert {t.name: t.access_method for t in pulled.model.tables} == {"events": "heap2", "plain": None}
    kinds = {(u.kind, u.name) for u in pulled.unmanaged}
    assert ("access method", "heap2") in kinds
    assert not any("access method" in kind for kind, _ in kinds - {("access method", "heap2")}), kinds
    assert "postgresql_using='heap2'" in (tmp_path / "schema.py").read_text()
    assert push(source, config=config, dry_run=True).plan.operations == ()

    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh")
    generated = generate(fresh_config, name="all")
    assert generated.tag is not None and 'USING "heap2"' in generated.sql
    without = make_db()
    with pytest.raises(PgshiftError, match='access method "heap2" does not exist'):
        migrate(without, config=fresh_config)
    fresh = make_db()
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute(HEAP2)
    migrate(fresh, config=fresh_config)
    assert_same_facts(access_method_facts(fresh), access_method_facts(source), "access methods differ")
    assert "table_access_method | public.events | heap2" in access_method_facts(fresh)
    report = status(fresh, config=fresh_config)
    assert report.drift is not None and not report.drift.items, report.drift
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute("ALTER TABLE public.events SET ACCESS METHOD heap")
    drifted = status(fresh, config=fresh_config).drift
    assert drifted is not None
    assert [i.message for i in drifted.items] == [
        "change the access method of table public.events to heap2 would be needed: the database differs "
        "from the schema"
    ]


def test_changing_a_table_access_method_is_a_rewrite(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """SET ACCESS METHOD rewrites the table under ACCESS EXCLUSIVE: generate says so (the hazard
    catalogue the linter shares), and the migration keeps the rows."""
    db.execute(HEAP2)
    config = project(tmp_path, db_url)
    table = "Table('t', metadata, Column('id', Integer, primary_key=True)USING)\n"
    head = "from sqlalchemy import *\nmetadata = MetaData()\n"
    use_schema(tmp_path, "am_0", head + table.replace("USING", ""))
    generate(config, name="heap")
    migrate(db_url, config=config)
    db.execute("INSERT INTO t VALUES (1), (2)")
    use_schema(tmp_path, "am_1", head + table.replace("USING", ", postgresql_using='heap2'"))
    result = generate(config, name="heap2")
    (op,) = result.ops
    assert op.describe() == "change the access method of table public.t to heap2"
    assert {h.kind.value for h in op.hazards()} >= {"rewrite", "blocks-reads"}
    from pgshift.lint import lint_text

    assert [f.rule for f in lint_text(result.sql, path="x.sql") if f.severity == "warning"] == [
        "set-access-method"
    ]
    migrate(db_url, config=config)
    assert db.execute(
        "SELECT am.amname, (SELECT count(*) FROM t) FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
        "WHERE c.oid = 't'::regclass"
    ).fetchone() == ("heap2", 2)


VIEW_DEFAULTS = """
from sqlalchemy import Column, Integer, MetaData, Table, Text, text
from pgshift import objects

metadata = MetaData()
orders = Table("orders", metadata, Column("id", Integer, primary_key=True), Column("status", Text))
objects.register(metadata, [
    objects.View("public", "open_orders", "SELECT id, status FROM public.orders", column_defaults=DEFAULTS),
])
"""


def test_view_column_defaults_change_in_place_both_ways(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """A view's column default (what an INSERT through it gets) is created with the view, changed and
    dropped in place (the view stays), put back by the down file, and pulled."""
    config = project(tmp_path, db_url)

    def version(name: str, defaults: tuple[tuple[str, str], ...]) -> str | None:
        use_schema(tmp_path, f"schema_{name}", VIEW_DEFAULTS.replace("DEFAULTS", repr(defaults)))
        return generate(config, name=name).tag

    def inserted(n: int) -> str | None:
        db.execute(f"INSERT INTO open_orders (id) VALUES ({n})")
        row = db.execute(f"SELECT status FROM orders WHERE id = {n}").fetchone()
        return None if row is None else row[0]

    assert version("v1", (("status", "'new'"),))
    assert version("v2", (("status", "'open'"), ("id", "42")))
    assert version("v3", ())
    up = (tmp_path / "drizzle" / "0001_v2.sql").read_text()
    assert "DROP VIEW" not in up and "SET DEFAULT 'open'" in up
    migrate(db_url, config=config, to="0000_v1")
    assert inserted(1) == "new"
    migrate(db_url, config=config, to="0001_v2")
    assert inserted(2) == "open"
    db.execute("INSERT INTO open_orders (status) VALUES ('x')")  # id from the view's default
    assert db.execute("SELECT status FROM orders WHERE id = 42").fetchone() == ("x",)
    migrate(db_url, config=config)
    assert inserted(4) is None  # no default of its own: the table's (none for status)
    rollback(db_url, config=config, steps=2)
    assert inserted(3) == "new"
    report = status(db_url, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    pulled = pull(db_url, config=config, output=tmp_path / "pulled.py")
    code = pulled.path.read_text()
    assert "column_defaults=" in code and "'new'::text" in code, code
