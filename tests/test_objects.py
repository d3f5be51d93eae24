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
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.corpus_db import load_corpus
from tests.pgversions import on_every_version

# The fact kinds these objects own (tests/catalog_facts.py); tables, columns and constraints are others'.
KINDS = (
    "function", "trigger", "view", "rule", "type", "collation", "extension",
    "trigger_comment", "rule_comment", "sequence_comment", "view_comment", "view_index",
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


def test_event_triggers_are_listed_as_not_managed(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    db.execute(
        "CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;"
        "CREATE EVENT TRIGGER pgshift_test_evt ON ddl_command_end EXECUTE FUNCTION public.on_ddl()"
    )
    try:
        config = project(tmp_path, db_url)
        pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
        assert ("event trigger", "pgshift_test_evt") in {(u.kind, u.name) for u in pulled.unmanaged}
    finally:
        db.execute("DROP EVENT TRIGGER pgshift_test_evt")
