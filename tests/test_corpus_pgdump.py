"""Issue 11 on a corpus pgshift was not designed around: the objects PostgreSQL's own pg_dump regression
test creates (tests/corpus/pgdump/schema.sql, from src/bin/pg_dump/t/002_pg_dump.pl).

The round trip of tests/test_objects.py::test_corpus_round_trip, compared on every fact kind of
tests/catalog_facts.py plus the extra facts below (storage details that those kinds do not show): pull D
-> code; push of that code onto D; generate from empty -> migrate a fresh database; status; generate
again. Every difference found is either fixed (with a regression test here) or a named known gap: the
round trip fails when anything else differs, and also when a known gap closes (then remove it here).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import psycopg
import pytest

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.pull import pull
from pgshift.api.push import push
from pgshift.api.rollback import rollback
from pgshift.api.scratch import DeclarationError
from pgshift.api.status import status
from pgshift.pg.parser import parse_statements
from pgshift.sources.load import load_metadata
from tests.catalog_facts import assert_same_facts, catalog_facts, facts_diff
from tests.corpus_db import CORPUS, NEEDS_ROLES, ensure_role
from tests.pgversions import major_of, on_every_version
from tests.test_create_all import FOREIGN, PARTITIONS, RLS, SERIAL, STATISTICS_IN_INFO, _create_all, _gap
from tests.test_objects import project

SCHEMAS = ("public", "dump_test", "dump_test_second_schema")
TRACKING = ["drizzle"]

# Facts the kinds of tests/catalog_facts.py do not show, read the same way (the catalogs directly,
# nothing of pgshift's): properties a table, column, index, trigger or range type can carry.
_USER = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname <> ALL(%(x)s)"
EXTRA_QUERIES: dict[str, str] = {
    "access_method": f"""
        SELECT 'access_method', n.nspname || '.' || c.relname, am.amname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam
        WHERE c.relkind IN ('r', 'm') AND {_USER}
    """,
    "column_storage": f"""
        SELECT 'column_storage', n.nspname || '.' || c.relname || '.' || a.attname,
               a.attstorage::text, t.typstorage::text, a.attstattarget::text,
               coalesce(o.options, ''), a.attcompression::text,
               coalesce(array_to_string(a.attacl, ','), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
        -- options a server build sets on its own (pg_attver=) are not the user's
        CROSS JOIN LATERAL (SELECT string_agg(opt, ',' ORDER BY opt) AS options FROM unnest(a.attoptions) opt
                            WHERE opt NOT LIKE 'pg\\_attver=%%') o
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'm', 'i', 'I') AND {_USER}
          AND (a.attstorage <> t.typstorage OR a.attstattarget <> -1 OR o.options IS NOT NULL
               OR a.attcompression <> '' OR a.attacl IS NOT NULL)
    """,
    "clustered_on": f"""
        SELECT 'clustered_on', n.nspname || '.' || c.relname, ic.relname
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.indisclustered AND {_USER}
    """,
    "partition_trigger": f"""
        SELECT 'partition_trigger', n.nspname || '.' || c.relname || '.' || t.tgname, t.tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE t.tgparentid <> 0 AND NOT t.tgisinternal AND {_USER}
    """,
    "range": f"""
        SELECT 'range', n.nspname || '.' || t.typname, format_type(r.rngsubtype, NULL),
               coalesce((SELECT o.opcname FROM pg_opclass o WHERE o.oid = r.rngsubopc), ''),
               coalesce((SELECT co.collname FROM pg_collation co WHERE co.oid = r.rngcollation), ''),
               format_type(r.rngmultitypid, NULL)
        FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE {_USER}
    """,
}


def all_facts(url: str) -> list[str]:
    facts = catalog_facts(url, exclude_schemas=TRACKING)
    with psycopg.connect(url, autocommit=True) as conn:
        for query in EXTRA_QUERIES.values():
            facts += [
                " | ".join("" if v is None else str(v) for v in row)
                for row in conn.execute(query, {"x": TRACKING})
            ]
    return sorted(facts)


# -- what is left out of the round trip, and the known gaps ----------------------------------------------

# Statements of the corpus set aside before the round trip, because with them pull writes code that
# generate cannot read back: a base type with its I/O functions, a shell type, and what uses them
# (test_gap_base_types_are_not_pulled); a range type whose operator class is not managed
# (test_gap_declaration_needing_an_unmanaged_object).
SET_ASIDE = ("dump_test.int42", "dump_test.undefined", "dump_test.composite", "dump_test.range_type_custom")


def corpus_sql() -> str:
    text = (CORPUS / "pgdump" / "schema.sql").read_text()
    kept = [s.text for s in parse_statements(text) if not any(name in s.text for name in SET_ASIDE)]
    return ";\n".join(kept) + ";"


# What a database migrated from the corpus's code needs first: access methods are not managed (pull lists
# them), so a table USING one is created only where it exists (a database without it refuses the
# migration by name: tests/test_objects.py::test_table_access_method_round_trip).
PREREQUISITES = "CREATE ACCESS METHOD regress_table_am TYPE TABLE HANDLER heap_tableam_handler;"


def prepared(make_db: Callable[[], str]) -> str:
    """A new database with the corpus's ``PREREQUISITES``."""
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(PREREQUISITES)
    return url


def load(make_db: Callable[[], str]) -> str:
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
        if not superuser or not superuser[0]:
            pytest.skip(
                "the pgdump corpus needs a superuser (C functions, a language, access methods, an FDW)"
            )
        for role in NEEDS_ROLES["pgdump"]:
            ensure_role(conn, role)
        conn.execute(corpus_sql().encode())
    return url


# Facts (kind, object) that differ between the corpus and the migrated copy, by gap. Each gap has a
# minimal reproduction below or names the helper whose area it is.
KNOWN_GAPS: dict[str, set[tuple[str, str]]] = {
    # A cast between two built-in types by a built-in function (age) belongs to no managed schema:
    # listed as not managed (test_range_types_own_multirange_casts_are_not_listed), never created.
    "not managed: a cast between built-in types": {
        ("cast", "cast from timestamp with time zone to interval"),
    },
    # test_gap_inherited_column_declared_again: a child's re-declared parent column (attislocal) is the
    # parent's, in the database as in code; the migrated child only inherits it.
    "re-declared inherited columns": {
        ("column", "dump_test.test_inheritance_child.col1"),
        ("column", "dump_test.test_table_generated_child2.col1"),
        ("column", "dump_test.test_table_generated_child2.col2"),
    },
    # test_gap_matview_access_method: CREATE MATERIALIZED VIEW ... USING <am> is not carried (a table's
    # is: test_table_access_method).
    "materialized view access method": {("access_method", "dump_test.regress_pg_dump_matview_am_1")},
    # test_gap_trigger_state_on_partitions: ALTER TABLE <partition> DISABLE / ENABLE REPLICA / ENABLE
    # ALWAYS TRIGGER on a partition's clone of a parent's trigger is not carried.
    "trigger state on partitions": {
        ("partition_trigger", "dump_test_second_schema.measurement_y2006m3.test_trigger"),
        ("partition_trigger", "dump_test_second_schema.measurement_y2006m4.test_trigger"),
        ("partition_trigger", "dump_test_second_schema.measurement_y2006m5.test_trigger"),
    },
}

# Known gaps that show from a major version on (tests/pgversions.py runs the round trip on each).
KNOWN_GAPS_FROM: dict[int, dict[str, set[tuple[str, str]]]] = {
    # NOT NULL constraints are pg_constraint rows from 18 on, so the re-declared inherited column above
    # shows in them too: the corpus child has its own NOT NULL constraint, the migrated one the parent's.
    18: {
        "re-declared inherited columns (their NOT NULL constraints, 18+)": {
            ("constraint", "dump_test.test_inheritance_child.test_inheritance_child_col1_not_null"),
            ("constraint", "dump_test.test_inheritance_child.test_inheritance_parent_col1_not_null"),
        },
    },
}


def known_gaps(url: str) -> set[tuple[str, str]]:
    """The known gaps of the round trip on the server of ``url``."""
    major = major_of(url)
    later = [gaps for since, by_gap in KNOWN_GAPS_FROM.items() if major >= since for gaps in by_gap.values()]
    return set().union(*KNOWN_GAPS.values(), *later)


# What push of the pulled code onto the corpus plans, by gap (it should plan nothing).
KNOWN_PUSH_GAPS: dict[str, set[str]] = {}


def _key(fact: str) -> tuple[str, str]:
    kind, name, *_ = fact.split(" | ")
    return kind, name


@on_every_version
def test_pgdump_corpus_round_trip(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    source = load(make_db)
    config = project(tmp_path, source, out="pulled", schema_filter=SCHEMAS)
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert pulled.model.functions and pulled.model.views and pulled.model.tables
    # not managed, and named so: every kind the corpus has that pgshift does not model
    unmanaged = {u.kind for u in pulled.unmanaged}
    assert unmanaged == {
        "access method",
        "cast",
        "conversion",
        "foreign data wrapper privileges",  # wrappers, servers and foreign tables are managed; not these
        "foreign server privileges",
        "user mapping",
        "operator class",
        "operator family",
        "procedural language",
        "text search parser",  # C-level: its dictionaries and configurations are modelled
        "text search template",
        # settings the model has no field for yet (the known gaps below): named too, never lost unseen
        "materialized view access method",
        "partition trigger state",
    }, unmanaged
    named = {u.name for u in pulled.unmanaged}
    assert {"dump_test_second_schema.measurement_y2006m3.test_trigger"} <= named, sorted(named)

    # push of the pulled code onto D plans nothing (but for the known gaps)
    plan = push(source, config=config, dry_run=True)
    planned = {op.describe() for op in plan.plan.operations}
    expected_push: set[str] = set().union(*KNOWN_PUSH_GAPS.values())
    assert planned == expected_push, (sorted(planned - expected_push), sorted(expected_push - planned))

    # generate from empty -> migrate a fresh database gives D's facts (but for the known gaps)
    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh", schema_filter=SCHEMAS)
    assert generate(fresh_config, name="all").tag is not None
    fresh = prepared(make_db)
    migrate(fresh, config=fresh_config)
    only_migrated, only_source = facts_diff(all_facts(fresh), all_facts(source))
    differing = {_key(f) for f in only_migrated + only_source}
    known = known_gaps(source)
    unexpected = sorted(f for f in only_migrated + only_source if _key(f) not in known)
    assert not unexpected, "facts differ beyond the known gaps:\n" + "\n".join(unexpected)
    assert not known - differing, (
        f"known gaps closed (remove them from KNOWN_GAPS): {sorted(known - differing)}"
    )

    assert_settled_then_emptied(fresh, fresh_config, ("dump_test", "dump_test_second_schema"))


def assert_settled_then_emptied(fresh: str, config: Path, schemas: Sequence[str]) -> None:
    """Proof items 4 and 5 on a freshly migrated corpus: status shows no drift, generate again says no
    changes, and the down files empty ``schemas`` again."""
    report = status(fresh, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(config).tag is None
    rollback(fresh, config=config)
    with psycopg.connect(fresh) as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = ANY(%s)",
            (list(schemas),),
        ).fetchone()
    assert left == (0,)


@on_every_version
def test_pgdump_orm_code_pushes_nothing(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    """The ORM spelling of the pulled code (declarative classes) reads back as the same schema."""
    source = load(make_db)
    config = project(tmp_path, source, out="pulled", schema_filter=SCHEMAS)
    pull(source, config=config, output=tmp_path / "schema.py", style="orm")
    planned = {op.describe() for op in push(source, config=config, dry_run=True).plan.operations}
    assert planned == set().union(*KNOWN_PUSH_GAPS.values())


# -- proof (3) of tests/test_create_all.py on this corpus: create_all of the pulled code ≡ generate + migrate --

# What create_all cannot make, by object name (as in tests/test_create_all.py), and what it cannot run.
CREATE_ALL_GAPS: dict[str, str] = {
    **{f"dump_test_second_schema.measurement_y2006m{i}": PARTITIONS for i in range(2, 6)},
    **{f"relation dump_test_second_schema.measurement_y2006m{i}": PARTITIONS for i in range(2, 6)},  # grants
    "dump_test.test_table_fk_1": PARTITIONS,
    "dump_test.test_table |": RLS,
    **{f"dump_test.test_table.p{i}": RLS for i in range(1, 7)},
    **{name: SERIAL for name in ("dump_test.measurement.city_id", "dump_test.measurement_city_id_seq")},
    "public.measurement_city_id_seq": SERIAL,  # create_all makes Sequence() in the default schema
    "dump_test.index_with_stats": STATISTICS_IN_INFO,
    "dump_test.foreign_table": FOREIGN,
}
# Expression index keys are written as literal_column('col1 + 1'), which SQLAlchemy's CREATE INDEX
# prints without the parentheses PostgreSQL needs (helper `defects`, index text()): the test adds them.
BARE_INDEX_EXPRESSIONS = ("col1 + 1", "col2 + 1", "col3 + 1")


@on_every_version
def test_pgdump_create_all_equals_generate_and_migrate(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    source = load(make_db)
    config = project(tmp_path, source, out="pulled", schema_filter=SCHEMAS)
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    shutil.rmtree(tmp_path / "pulled")
    config = project(tmp_path, source, out="fresh", schema_filter=SCHEMAS)
    assert generate(config, name="all").tag is not None
    migrated = prepared(make_db)
    migrate(migrated, config=config)

    code = (tmp_path / "schema.py").read_text()
    for expression in BARE_INDEX_EXPRESSIONS:  # the gap is still there: else remove this workaround
        assert f"literal_column({expression!r})" in code
        code = code.replace(f"literal_column({expression!r})", f"literal_column({f'({expression})'!r})")
    (tmp_path / "schema_for_create_all.py").write_text(code)
    created = prepared(make_db)
    _create_all(created, load_metadata(str(tmp_path / "schema_for_create_all.py"), tmp_path), SCHEMAS)
    actual = catalog_facts(created, exclude_schemas=TRACKING)
    expected = catalog_facts(migrated, exclude_schemas=TRACKING)
    seen = {_gap(fact, CREATE_ALL_GAPS) for fact in set(actual) ^ set(expected)}
    assert set(CREATE_ALL_GAPS) <= seen, f"known gap closed: {sorted(set(CREATE_ALL_GAPS) - seen)}"
    assert_same_facts(
        [f for f in actual if _gap(f, CREATE_ALL_GAPS) is None],
        [f for f in expected if _gap(f, CREATE_ALL_GAPS) is None],
        "pgdump: create_all differs from generate + migrate",
    )


# -- minimal reproductions: the fixes (regression tests) and the known gaps ------------------------------


def round_trip(
    make_db: Callable[[], str],
    tmp_path: Path,
    setup: str,
    schemas: tuple[str, ...] = ("public",),
    fresh_setup: str = "",
) -> tuple[set[str], set[tuple[str, str]], Path, str]:
    """Pull a database made by ``setup``; (what push of the pulled code onto it plans, the (kind, object)
    facts a fresh database (given ``fresh_setup`` first) migrated from that code differs in, the config,
    the migrated database)."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(setup.encode())
    config = project(tmp_path / "pulled", source, out="pulled", schema_filter=schemas)
    pull(source, config=config, output=tmp_path / "pulled" / "schema.py", style="core")
    planned = {op.describe() for op in push(source, config=config, dry_run=True).plan.operations}
    fresh_config = project(tmp_path / "pulled", source, out="fresh", schema_filter=schemas)
    generate(fresh_config, name="all")
    fresh = make_db()
    if fresh_setup:
        with psycopg.connect(fresh, autocommit=True) as conn:
            conn.execute(fresh_setup.encode())
    migrate(fresh, config=fresh_config)
    only_migrated, only_source = facts_diff(all_facts(fresh), all_facts(source))
    return planned, {_key(f) for f in only_migrated + only_source}, fresh_config, fresh


def test_inherits_parent_is_created_before_its_child_and_dropped_after(
    make_db: Callable[[], str], tmp_path: Path
) -> None:
    """Found by the corpus: tables were created in name order, so a child named before its parent
    (test_inheritance_child < test_inheritance_parent) failed with 'relation does not exist'."""
    setup = """
        CREATE SCHEMA s;
        CREATE TABLE s.z_parent (id integer NOT NULL, v integer CHECK (v > 0));
        CREATE TABLE s.a_child (extra text) INHERITS (s.z_parent);
        CREATE TABLE s.m_grandchild () INHERITS (s.a_child);
    """
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup, ("public", "s"))
    assert planned == set() and differing == set()
    rollback(fresh, config=config)  # the down file drops children first
    with psycopg.connect(fresh) as conn:
        assert conn.execute("SELECT to_regclass('s.z_parent'), to_regclass('s.a_child')").fetchone() == (
            None,
            None,
        )


def test_pulled_inherits_outside_public_runs_under_create_all(
    make_db: Callable[[], str], tmp_path: Path
) -> None:
    """Found by the corpus: pull wrote a parent in the child's own schema as a bare name, which
    SQLAlchemy's CREATE TABLE ... INHERITS looks up on the search path ('relation does not exist'); it
    is now ``quoted_name("s.parent", quote=False)``, as SQLAlchemy documents, and still reads back."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE SCHEMA s; CREATE TABLE s.parent (id integer); CREATE TABLE s.child (x text) INHERITS (s.parent)"
        )
    config = project(tmp_path, source, out="pulled", schema_filter=("public", "s"))
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert "quoted_name('s.parent', quote=False)" in (tmp_path / "schema.py").read_text()
    assert [op.describe() for op in push(source, config=config, dry_run=True).plan.operations] == []
    created = make_db()
    _create_all(created, load_metadata(str(tmp_path / "schema.py"), tmp_path), ("public", "s"))
    assert_same_facts(catalog_facts(created), catalog_facts(source))


def test_dropping_inherits_tables_drops_children_first() -> None:
    """The drop side of the ordering fix: a parent named before its child is dropped after it (DROP
    TABLE of a parent fails while a child inherits from it); other tables keep their order."""
    from pgshift.diff.differ import diff
    from pgshift.model.schema import Model, Table, build_model

    tables = [
        Table(schema="s", name="a_parent"),
        Table(schema="s", name="b_plain"),
        Table(schema="s", name="c_child", inherits=("s.a_parent",)),
        Table(schema="s", name="d_plain"),
    ]
    ops = [op.describe() for op in diff(build_model(schemas={"s"}, tables=tables), Model())]
    drops = [d.removeprefix("drop table ") for d in ops if d.startswith("drop table ")]
    assert drops == ["s.c_child", "s.a_parent", "s.b_plain", "s.d_plain"]


def test_serial_in_a_composite_primary_key_round_trips(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (dump_test.measurement): pull writes a serial column of a composite key as
    ``Sequence('<table>_<column>_seq')``, but reading that code took it for a plain integer with a
    standalone sequence in public, so push planned 'create sequence public...' and a type change."""
    setup = """
        CREATE SCHEMA s;
        CREATE TABLE s.m (city_id serial, logdate date NOT NULL, PRIMARY KEY (city_id, logdate));
    """
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup, ("public", "s"))
    assert planned == set() and differing == set()


def test_range_types_own_multirange_casts_are_not_listed(
    make_db: Callable[[], str], db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """Found by the corpus: the range -> multirange cast CREATE TYPE ... AS RANGE makes was listed as a
    'not managed' cast by pull and status; a cast the user made still is."""
    db.execute(
        "CREATE TYPE public.floats AS RANGE (subtype = float8);"
        "CREATE CAST (timestamptz AS interval) WITH FUNCTION age(timestamptz) AS ASSIGNMENT;"
    )
    config = project(tmp_path, db_url)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    casts = {u.name for u in pulled.unmanaged if u.kind == "cast"}
    assert casts == {"timestamp with time zone AS interval"}


def test_range_type_keeps_its_subtype_operator_class(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Found by the corpus (dump_test.range_type_custom): a range type's SUBTYPE_OPCLASS was dropped when
    it was pulled, so the migrated range ordered its bounds by the subtype's default class."""
    setup = "CREATE TYPE r AS RANGE (subtype = text, subtype_opclass = text_pattern_ops);"
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()


def test_gap_declaration_needing_an_unmanaged_object(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap (set aside from the corpus round trip): a declaration that needs an object pgshift
    does not manage (here a range type over a custom operator class) cannot be read back, because the
    scratch database has only what the code declares."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE OPERATOR public.~~ (PROCEDURE = int4eq, LEFTARG = int, RIGHTARG = int);"
            "CREATE OPERATOR CLASS public.custom FOR TYPE int USING btree AS OPERATOR 3 public.~~;"
            "CREATE TYPE public.custom_range AS RANGE (subtype = int, subtype_opclass = public.custom);"
        )
    config = project(tmp_path, source, out="pulled")
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    with pytest.raises(DeclarationError, match=r"operator class .* does not exist"):
        generate(config, name="all")


def test_gap_base_types_are_not_pulled(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap (set aside from the corpus round trip): a base type (CREATE TYPE with INPUT/OUTPUT
    functions) and a shell type are not pulled; the code pull writes declares the I/O functions and a
    composite type using the base type, which cannot be created. Fixed in part: both are now listed as
    not managed (they were not mentioned at all)."""
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "CREATE TYPE public.int42;"
            "CREATE FUNCTION public.int42_in(cstring) RETURNS public.int42 AS 'int4in' LANGUAGE internal STRICT IMMUTABLE;"
            "CREATE FUNCTION public.int42_out(public.int42) RETURNS cstring AS 'int4out' LANGUAGE internal STRICT IMMUTABLE;"
            "CREATE TYPE public.int42 (internallength = 4, input = public.int42_in, output = public.int42_out,"
            " alignment = int4, passedbyvalue);"
            "CREATE TYPE public.composite AS (f1 int, f2 public.int42);"
            "CREATE TYPE public.undefined;"
        )
    config = project(tmp_path, source, out="pulled")
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    listed = {(u.kind, u.name) for u in pulled.unmanaged}
    assert listed == {("base type", "public.int42"), ("shell type", "public.undefined")}
    with pytest.raises(DeclarationError, match="only a shell"):
        generate(config, name="all")


def test_gap_inherited_column_declared_again(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Fixed in part, found by the corpus (test_inheritance_child, test_table_generated_child2): a child
    that declares a parent's column again (attislocal) was read with that column from the database but
    without it from the pulled code, so push planned a DROP COLUMN PostgreSQL refuses ('cannot drop
    inherited column'), and the pulled code re-declared a generated column, which create_all cannot run
    ('child column specifies generation expression'). Now both read it as the parent's. Known gap left:
    the migrated child only inherits the column (attislocal false), without what the child added (here
    its NOT NULL)."""
    setup = """
        CREATE TABLE p (a integer, g integer GENERATED ALWAYS AS (a * 2) STORED);
        CREATE TABLE c (a integer NOT NULL, g integer, b text) INHERITS (p);
    """
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == {("column", "public.c.a"), ("column", "public.c.g")}


@pytest.mark.parametrize(
    ("setup", "gap"),
    [
        pytest.param(
            "CREATE TABLE m (id int) PARTITION BY RANGE (id);"
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
            "CREATE TRIGGER tr AFTER INSERT ON m FOR EACH ROW EXECUTE FUNCTION f();"
            "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);"
            "ALTER TABLE m1 DISABLE TRIGGER tr;",
            {("partition_trigger", "public.m1.tr")},
            id="trigger_state_on_partitions",
        ),
    ],
)
def test_gap(setup: str, gap: set[tuple[str, str]], make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gaps of the corpus round trip, each on its own: what the migrated database lacks. Push of
    the pulled code plans nothing for them either (the model has no field for what is lost)."""
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set()
    assert differing == gap


def test_view_column_default_and_index_statistics(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Fixed, found by the corpus (dump_test.test_view, dump_test.index_with_stats): a view column's
    default and an index expression key's statistics target were not carried."""
    setup = (
        "CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t;"
        "ALTER VIEW v ALTER COLUMN a SET DEFAULT 1;"
        "CREATE INDEX i ON t (a, (b + 1), (b * 2)); ALTER INDEX i ALTER COLUMN 2 SET STATISTICS 400;"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()


def test_column_storage_settings(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Fixed, found by the corpus (dump_test.test_table): a column's SET STORAGE / STATISTICS /
    COMPRESSION / (n_distinct) were not carried; a storage equal to the type's own is no setting."""
    setup = (
        "CREATE TABLE t (a text, b int, c bytea, d numeric, e varchar(3)[]);"
        "ALTER TABLE t ALTER a SET STORAGE EXTERNAL, ALTER b SET STATISTICS 90, ALTER b SET (n_distinct = 10),"
        " ALTER c SET COMPRESSION lz4, ALTER d SET STORAGE MAIN, ALTER e SET STORAGE MAIN;"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()


def test_partition_own_default_and_check(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Fixed, found by the corpus (measurement_y2006m2): a partition's own DEFAULT and CHECK were not
    carried; also a partition without the default its parent has."""
    setup = (
        "CREATE TABLE m (id int DEFAULT 5, n int, d date) PARTITION BY RANGE (d);"
        "CREATE TABLE m1 PARTITION OF m (id DEFAULT 0 CHECK (id >= 0), n DEFAULT 3)"
        " FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');"
        "CREATE TABLE m2 PARTITION OF m FOR VALUES FROM ('2006-03-01') TO ('2006-04-01');"
        "ALTER TABLE m2 ALTER id DROP DEFAULT;"
        "CREATE TABLE m3 PARTITION OF m FOR VALUES FROM ('2006-04-01') TO ('2006-05-01');"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()


def test_cluster_on(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Fixed, found by the corpus (dump_test.test_table): ALTER TABLE ... CLUSTER ON (a key's index or
    another) was not carried."""
    setup = (
        "CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t CLUSTER ON t_pkey;"
        "CREATE TABLE u (id int, v int); CREATE INDEX u_v ON u (v); ALTER TABLE u CLUSTER ON u_v;"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()


def test_table_storage_parameters(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Fixed, found by the corpus (dump_test.test_table): a table's WITH (...) and its TOAST table's
    were not carried. The round trip keeps them, quoted values and bare names included."""
    setup = (
        "CREATE TABLE t (id int, body text) WITH (fillfactor = 80, autovacuum_enabled = false,"
        " toast.autovacuum_enabled = off, autovacuum_vacuum_scale_factor = '0.01', vacuum_truncate);"
    )
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup)
    assert planned == set() and differing == set()


def test_table_access_method(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Was a known gap: CREATE TABLE ... USING <access method> is carried (the access method itself is
    listed as not managed, and the database migrated to has it)."""
    method = "CREATE ACCESS METHOD pgshift_heap2 TYPE TABLE HANDLER heap_tableam_handler;"
    setup = method + "CREATE TABLE t (a int) USING pgshift_heap2;"
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup, fresh_setup=method)
    assert planned == set()
    assert differing == set()


def test_gap_matview_access_method(make_db: Callable[[], str], tmp_path: Path) -> None:
    """Known gap: CREATE MATERIALIZED VIEW ... USING <access method> is not carried (it is listed as not
    managed: "materialized view access method")."""
    method = "CREATE ACCESS METHOD pgshift_heap2 TYPE TABLE HANDLER heap_tableam_handler;"
    setup = method + "CREATE MATERIALIZED VIEW m USING pgshift_heap2 AS SELECT 1 AS one;"
    planned, differing, _, _ = round_trip(make_db, tmp_path, setup, fresh_setup=method)
    assert planned == set()
    assert differing == {("access_method", "public.m")}
