"""Introspection: a database created from schema S reads back as model(S), with no phantom differences.

Checked three ways on real servers: the every-feature fixture schema (exact model equality, on the system
PostgreSQL and on pgserver's PostgreSQL 16), every data-driven case's `after` schema, and generated models
(hypothesis). "No phantom difference" means the differ finds nothing to do in either direction.
"""

from __future__ import annotations

import itertools
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings

from pgshift.diff.differ import diff
from pgshift.model.schema import Model
from pgshift.sources.from_sqlalchemy import model_from_metadata
from pgshift.sources.introspect import as_server_holds, introspect
from pgshift.sources.load import load_metadata
from tests.pgurls import with_dbname
from tests.test_cases import apply_ops, case_databases, create_db_with, load_case_model, on_servers
from tests.test_roundtrip import models

FIXTURES = Path(__file__).parent / "fixtures_schemas"


def read(url: str, schemas: tuple[str, ...] = ("public",), **kwargs) -> Model:  # type: ignore[no-untyped-def]
    with psycopg.connect(url) as conn:
        return introspect(conn, schema_filter=schemas, **kwargs)


def everything() -> Model:
    return model_from_metadata(load_metadata("everything.py:metadata", FIXTURES))


@pytest.fixture(scope="module")
def pg16() -> Iterator[Callable[[], str]]:
    """A second major version: pgserver's PostgreSQL 16, started for this module."""
    data = Path(tempfile.mkdtemp(prefix="pgs16-"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns at import when XDG_RUNTIME_DIR is unset
        import pgserver

        server = pgserver.get_server(data, cleanup_mode="delete")
    base = server.get_uri("postgres")
    count = 0

    def make() -> str:
        nonlocal count
        count += 1
        name = f"intro_{count}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return with_dbname(base, name)

    yield make
    server.cleanup()


@pytest.mark.parametrize("server", ["system", "pg16"])
def test_everything_schema_reads_back_exactly(server: str, make_db, pg16, server_version):  # type: ignore[no-untyped-def]
    model = everything()
    url = create_db_with(make_db if server == "system" else pg16, model)
    with psycopg.connect(url) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
    got = read(url, ("public", "crm"))
    assert got == model, f"server {version}: {[op.describe() for op in diff(got, model)]}"


@pytest.mark.parametrize(("case", "pg"), on_servers(), indirect=["pg"])
def test_every_case_after_schema_reads_back(case: Path, pg: str, make_db) -> None:  # type: ignore[no-untyped-def]
    model = load_case_model(case / "after.py")
    url = create_db_with(case_databases(case, make_db), model)
    schemas = ("public", *model.schemas)
    got = read(url, schemas)
    with psycopg.connect(url) as conn:  # before 18, NOT NULL names are accepted and not kept
        model = as_server_holds(model, conn.info.server_version)
    assert diff(got, model) == [], [op.describe() for op in diff(got, model)]
    assert diff(model, got) == [], [op.describe() for op in diff(model, got)]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=models())
def test_property_create_then_introspect_has_no_diff(s: Model, make_db) -> None:  # type: ignore[no-untyped-def]
    url = make_db()
    apply_ops(url, diff(Model(), s))
    got = read(url)
    assert diff(got, s) == [], [op.describe() for op in diff(got, s)]
    assert diff(s, got) == []


def test_filters_and_tracking_table_excluded(db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    db.execute(
        "CREATE TABLE app_users (id int PRIMARY KEY); CREATE TABLE app_tmp (x int); CREATE TABLE other (y int)"
    )
    db.execute('CREATE TABLE public."__drizzle_migrations" (id serial, hash text)')
    got = read(db_url, tables_filter=["app_*", "!app_tmp"])
    assert [t.name for t in got.tables] == ["app_users"]
    got = read(db_url, exclude_tables=[("public", "__drizzle_migrations")])
    assert "__drizzle_migrations" not in [t.name for t in got.tables]


def test_index_collations_read_wherever_the_definition_prints_them(db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    """indexes.sql prints an index's whole definition only where a key's COLLATE may be in it; each way a
    key's collation can depart from its column's (or be an expression's) is still read, and NULLS NOT
    DISTINCT comes from the catalog flag."""
    db.execute(
        'CREATE TABLE t (a text, b text COLLATE "C", c int, d text);'
        'CREATE INDEX t_a_c ON t (a COLLATE "C");'  # a column key with another collation
        'CREATE INDEX t_b_default ON t (b COLLATE "default");'  # a column's own collation undone
        'CREATE INDEX t_b_plain ON t (b);'  # the column's own: nothing printed
        'CREATE INDEX t_lower_c ON t (lower(d) COLLATE "C", c);'  # an expression key
        'CREATE INDEX t_lower ON t (lower(d));'
        "CREATE UNIQUE INDEX t_nnd ON t (c) NULLS NOT DISTINCT;"
        "COMMENT ON INDEX t_nnd IS 'one null only'"
    )
    (table,) = read(db_url).tables
    got = {i.name: ([e.collation for e in i.elements], i.nulls_not_distinct, i.comment) for i in table.indexes}
    assert got == {
        "t_a_c": (['C'], False, None),
        "t_b_default": (['default'], False, None),
        "t_b_plain": ([None], False, None),
        "t_lower_c": (['C', None], False, None),
        "t_lower": ([None], False, None),
        "t_nnd": ([None], True, "one null only"),
    }


def test_hand_written_ddl_matches_equivalent_code(db_url: str, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A database made by hand (Postgres-chosen names, casts it adds) against the code a person would write."""
    db.execute(
        """
        CREATE TYPE status AS ENUM ('new', 'done');
        CREATE TABLE tasks (
            id bigserial PRIMARY KEY,
            title varchar(200) NOT NULL CHECK (title <> ''),
            state status NOT NULL DEFAULT 'new',
            price numeric(10, 2) DEFAULT 0,
            done_at timestamptz,
            owner_email text UNIQUE
        );
        CREATE INDEX tasks_lower_title_idx ON tasks (lower(title)) WHERE done_at IS NULL;
        """
    )
    (tmp_path / "tasks.py").write_text(
        "from sqlalchemy import *\n"
        "metadata = MetaData()\n"
        "tasks = Table('tasks', metadata,\n"
        "    Column('id', BigInteger, primary_key=True),\n"
        "    Column('title', String(200), CheckConstraint(\"title <> ''\"), nullable=False),\n"
        "    Column('state', Enum('new', 'done', name='status'), nullable=False, server_default='new'),\n"
        "    Column('price', Numeric(10, 2), server_default=text('0')),\n"
        "    Column('done_at', DateTime(timezone=True)),\n"
        "    Column('owner_email', Text, unique=True),\n"
        ")\n"
        "Index('tasks_lower_title_idx', func.lower(tasks.c.title), postgresql_where=text('done_at IS NULL'))\n"
    )
    code = model_from_metadata(load_metadata("tasks.py", tmp_path))
    got = read(db_url)
    assert got == code, [op.describe() for op in diff(got, code)]


@pytest.mark.parametrize("autocommit", [False, True])
def test_parallel_reads_give_the_same_model(make_db, autocommit: bool) -> None:  # type: ignore[no-untyped-def]
    """With a URL the catalog is read on four connections in one exported snapshot; the caller's
    connection is left as it was (idle, its isolation level unchanged). Inside the caller's own
    transaction everything is read there."""
    from psycopg.pq import TransactionStatus

    url = create_db_with(make_db, everything())
    with psycopg.connect(url, autocommit=autocommit) as conn:
        parallel = introspect(conn, schema_filter=["public", "crm"], url=url)
        assert conn.info.transaction_status == TransactionStatus.IDLE and conn.isolation_level is None
        conn.execute("SELECT 1")
        in_transaction = introspect(conn, schema_filter=["public", "crm"], url=url)
        serial = introspect(conn, schema_filter=["public", "crm"])
    assert parallel == in_transaction == serial == everything()


def test_parallel_reads_see_one_state_of_the_catalog(make_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A table committed while the queries run (here: just before each other connection starts) is
    in none of them: they read the snapshot the caller's connection exported."""
    import pgshift.sources.introspect as module

    url = create_db_with(make_db, everything())
    read_group = module._fetch_group
    numbers = itertools.count()  # the other connections start at once, each in a thread of its own
    created: list[str] = []

    def late_table_then_read(*args):  # type: ignore[no-untyped-def]
        name = f"late_{next(numbers)}"
        with psycopg.connect(url, autocommit=True) as other:
            other.execute(f"CREATE TABLE {name} (id int PRIMARY KEY, v text); CREATE INDEX ON {name} (v)")
        created.append(name)
        return read_group(*args)

    monkeypatch.setattr(module, "_fetch_group", late_table_then_read)
    with psycopg.connect(url) as conn:
        got = introspect(conn, schema_filter=["public", "crm"], url=url)
    assert len(created) == len(module._OFFLOADED)
    assert got == everything()
    with psycopg.connect(url) as conn:
        now = introspect(conn, schema_filter=["public", "crm"])
    assert {"late_0", "late_1", "late_2"} <= {t.name for t in now.tables}


def test_parallel_reads_fall_back_to_the_callers_connection(make_db) -> None:  # type: ignore[no-untyped-def]
    """Other connections that cannot be opened (a wrong URL here; connection limits in life) leave
    their queries to the caller's connection."""
    url = create_db_with(make_db, everything())
    with psycopg.connect(url) as conn:
        got = introspect(conn, schema_filter=["public", "crm"], url=with_dbname(url, "pgshift_no_such_db"))
    assert got == everything()


def test_introspection_runs_with_the_cyclic_collector_paused(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/objects: with the collector on, building the model after a big heap (SQLAlchemy's reflect in
    the same process) took twice as long; a merge once left the pause on another function."""
    import gc

    import psycopg

    from pgshift.sources import introspect as module

    seen: list[bool] = []
    real = module._tables

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_tables", recording)
    with psycopg.connect(db_url, autocommit=True) as conn:
        module.introspect(conn)
    assert seen == [False] and gc.isenabled()


def test_catalog_reads_run_without_jit_and_leave_the_session_as_it_was(db_url: str) -> None:
    """unmanaged.sql's plan is estimated above jit_above_cost: compiling it took ~270 ms of a 20 ms query.
    Catalog reads switch JIT off for themselves only (SET LOCAL), whatever state the connection is in."""
    from pgshift.sources.introspect import _without_jit

    with psycopg.connect(db_url, autocommit=True) as conn:
        before = conn.execute("SHOW jit").fetchone()
        with _without_jit(conn):
            assert conn.execute("SHOW jit").fetchone() == ("off",)
        assert conn.execute("SHOW jit").fetchone() == before
    with psycopg.connect(db_url) as conn:  # inside the caller's transaction: off until it ends
        conn.execute("SELECT 1")
        with _without_jit(conn):
            assert conn.execute("SHOW jit").fetchone() == ("off",)
        conn.rollback()
        assert conn.execute("SHOW jit").fetchone() == before
