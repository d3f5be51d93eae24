"""Foreign-data wrappers, foreign servers and foreign tables: pulled, generated, migrated, pushed and
checked for drift against ``tests/catalog_facts.py`` (queries independent of pgshift's introspection).
Credentials (a server's ``password`` option, user mappings) never reach code, snapshots or migrations:
they are listed as not managed by name and left alone."""

from __future__ import annotations

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
from pgshift.errors import PgshiftError
from pgshift.model import schema as m
from pgshift.urls import is_secret_option
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.test_objects import project

SECRET = "s3cr3t-hunter2"
MAPPING_SECRET = "m4pp1ng-hunter3"

SOURCE = f"""
CREATE FOREIGN DATA WRAPPER lab_fdw OPTIONS (debug 'true');
COMMENT ON FOREIGN DATA WRAPPER lab_fdw IS 'hand-made';
CREATE SERVER films_srv TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER lab_fdw
    OPTIONS (host 'films.example', dbname 'cinema', password '{SECRET}');
COMMENT ON SERVER films_srv IS 'the films database';
CREATE SERVER spare_srv FOREIGN DATA WRAPPER lab_fdw;
CREATE USER MAPPING FOR PUBLIC SERVER films_srv OPTIONS (user 'reader', password '{MAPPING_SECRET}');
CREATE FOREIGN TABLE public.films (
    id integer OPTIONS (column_name 'film_id') NOT NULL,
    title text COLLATE "C",
    stars smallint DEFAULT 0 NOT NULL,
    CONSTRAINT films_stars_check CHECK (stars BETWEEN 0 AND 5)
) SERVER films_srv OPTIONS (schema_name 'public', table_name 'film');
COMMENT ON FOREIGN TABLE public.films IS 'remote films';
COMMENT ON COLUMN public.films.title IS 'as released';
CREATE FOREIGN TABLE public.empty_remote () SERVER spare_srv;
GRANT SELECT ON public.films TO PUBLIC;
CREATE TABLE public.sales (region text, n integer) PARTITION BY LIST (region);
CREATE FOREIGN TABLE public.sales_eu PARTITION OF public.sales FOR VALUES IN ('eu') SERVER films_srv
    OPTIONS (table_name 'sales');
COMMENT ON FOREIGN TABLE public.sales_eu IS 'europe, remote';
CREATE TABLE public.sales_us PARTITION OF public.sales FOR VALUES IN ('us');
"""

FACT_KINDS = ("foreign_data_wrapper", "foreign_server", "foreign_table", "foreign_table_column", "grant")


def facts(url: str) -> list[str]:
    return catalog_facts(url, exclude_schemas=["drizzle"], kinds=FACT_KINDS)


def _without_secret(facts_: list[str]) -> list[str]:
    """The source's facts as the migrated database has them: the credential option is never written."""
    return [f.replace(f",password={SECRET}", "") for f in facts_]


def _every_file(root: Path) -> str:
    return "\n".join(p.read_text() for p in sorted(root.rglob("*")) if p.is_file())


def test_foreign_objects_round_trip_without_secrets(make_db: Callable[[], str], tmp_path: Path) -> None:
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(SOURCE.encode())
    config = project(tmp_path, source, out="pulled")
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert {s.name for s in pulled.model.foreign_servers} == {"films_srv", "spare_srv"}
    assert {w.name for w in pulled.model.foreign_data_wrappers} == {"lab_fdw"}
    listed = {(u.kind, u.name) for u in pulled.unmanaged}
    assert {
        ("user mapping", "PUBLIC on films_srv"),
        ("foreign server option", "films_srv.password"),
    } <= listed
    assert not {kind for kind, _ in listed} & {"foreign table", "foreign server", "foreign data wrapper"}
    (sales,) = [t for t in pulled.model.tables if t.name == "sales"]
    assert [(p.name, p.foreign) for p in sales.partitions] == [
        ("sales_eu", m.ForeignTable("films_srv", (("table_name", "sales"),))),
        ("sales_us", None),
    ]
    code = (tmp_path / "schema.py").read_text()
    assert "objects.ForeignServer('films_srv', 'lab_fdw', type='pg', version='15'" in code, code
    assert "'foreign': {'server': 'films_srv'" in code, code
    assert "objects.Grant('table', 'public', 'films', 'PUBLIC', ('SELECT',))" in code, code
    # no credential anywhere pgshift wrote: code, baseline migration, snapshot
    written = code + _every_file(tmp_path / "pulled")
    assert SECRET not in written and MAPPING_SECRET not in written and "password" not in written

    # push of the pulled code onto the source plans nothing, and leaves the secret and mapping alone
    plan = push(source, config=config, dry_run=True)
    assert [op.describe() for op in plan.plan.operations] == []

    # generate from empty -> migrate a fresh database gives the same facts (but the credential)
    shutil.rmtree(tmp_path / "pulled")
    fresh_config = project(tmp_path, source, out="fresh")
    first = generate(fresh_config, name="all")
    assert first.tag is not None
    assert SECRET not in first.sql and "password" not in first.sql
    fresh = make_db()
    migrate(fresh, config=fresh_config)
    assert_same_facts(facts(fresh), _without_secret(facts(source)), "foreign objects differ")
    # wrapper, servers, foreign tables (the partition too), their columns, the grant on films
    assert len(facts(fresh)) == 1 + 2 + 3 + 5 + 1

    # status: no drift; generate again: no changes; a hand-made change is drift, in a sentence
    report = status(fresh, config=fresh_config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(fresh_config).tag is None
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute("ALTER SERVER films_srv OPTIONS (SET host 'elsewhere')")
        conn.execute("DROP FOREIGN TABLE empty_remote")
    drifted = status(fresh, config=fresh_config).drift
    assert drifted is not None
    messages = sorted(item.message for item in drifted.items)
    assert any(m.startswith("alter foreign server films_srv would be needed") for m in messages), messages
    assert any(
        m.startswith("foreign table empty_remote is in the schema but not in the database") for m in messages
    ), messages
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute("ALTER SERVER films_srv OPTIONS (SET host 'films.example')")
        conn.execute("CREATE FOREIGN TABLE public.empty_remote () SERVER spare_srv")
    # the down file drops them all: a foreign table holds no local rows, so nothing is said to be lost
    drops = [op.reverse() for op in first.ops if op.action == "create_foreign_table"]
    assert len(drops) == 2  # (the foreign partition is created with its parent, whose drop takes it)
    assert all(not op.destroys() and all(h.kind != "data-loss" for h in op.hazards()) for op in drops)
    rollback(fresh, config=fresh_config)
    assert facts(fresh) == []


def test_a_declared_credential_option_is_refused(tmp_path: Path, db_url: str) -> None:
    """Code naming a password option is refused before anything is written (the value never shown)."""
    config = project(tmp_path, db_url)
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import MetaData\nfrom pgshift import objects\nmetadata = MetaData()\n"
        f"objects.register(metadata, [objects.ForeignServer('s', 'w', options={{'password': '{SECRET}'}})])\n"
    )
    with pytest.raises(PgshiftError) as caught:
        generate(config, name="x")
    assert "password" in str(caught.value) and SECRET not in str(caught.value)
    assert not (tmp_path / "drizzle").exists() or SECRET not in _every_file(tmp_path / "drizzle")


@pytest.mark.parametrize("name", ["password", "sslpassword", "passwd", "api_key", "client_secret", "token"])
def test_credential_like_option_names(name: str) -> None:
    assert is_secret_option(name)


@pytest.mark.parametrize("name", ["host", "port", "dbname", "table_name", "column_name", "sslmode", "user"])
def test_ordinary_option_names(name: str) -> None:
    assert not is_secret_option(name)


def test_a_server_whose_type_changes_is_rebuilt_with_its_foreign_tables(make_db: Callable[[], str]) -> None:
    """No ALTER SERVER changes TYPE (nor the wrapper): the server is dropped after its foreign table and
    both are created again; the down file does the reverse. Checked on a real database."""
    from dataclasses import replace

    from pgshift.diff.differ import diff
    from pgshift.diff.render import migration_sql
    from pgshift.model.types import SqlType
    from tests.test_cases import apply_down, apply_ops, create_db_with

    wrapper = m.ForeignDataWrapper("lab_fdw")
    server = m.ForeignServer("srv", "lab_fdw", type="a", options=(("host", "h"),))
    films = m.Table(
        "public", "films", (m.Column("id", SqlType("integer")),), foreign=m.ForeignTable("srv", (("t", "f"),))
    )
    before = m.build_model(foreign_data_wrappers=[wrapper], foreign_servers=[server], tables=[films])
    after = replace(before, foreign_servers=(replace(server, type="b"),))
    ops = diff(before, after)
    sql = migration_sql(ops)
    assert sql.index('DROP FOREIGN TABLE "public"."films"') < sql.index('DROP SERVER "srv"')
    assert sql.index("CREATE SERVER \"srv\" TYPE 'b'") < sql.index('CREATE FOREIGN TABLE "public"."films"')
    url = create_db_with(make_db, before)
    apply_ops(url, ops)
    found = catalog_facts(url, kinds=("foreign_server", "foreign_table"))
    assert "foreign_server | srv | lab_fdw | b |  | host=h | " in found, found
    assert "foreign_table | public.films | srv | t=f |  | " in found, found
    apply_down(url, ops)
    assert "foreign_server | srv | lab_fdw | a |  | host=h | " in catalog_facts(
        url, kinds=("foreign_server",)
    )


def test_code_spelled_otherwise_than_the_server_pushes_once(db_url: str, tmp_path: Path) -> None:
    """A foreign table's CHECK written as the author writes it (the server adds casts) is spelled by the
    server before comparing (on a plain temporary table, so its server need not exist yet), so a second
    push plans nothing."""
    config = project(tmp_path, db_url)
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import CheckConstraint, Column, Integer, MetaData, String, Table\n"
        "from pgshift import objects\n"
        "metadata = MetaData()\n"
        "Table('films', metadata, Column('id', Integer, nullable=False,"
        " info={'pgshift': {'foreign_options': {'column_name': 'fid'}}}),\n"
        "      Column('kind', String(5)), CheckConstraint('id < 1e9', name='films_id_check'),\n"
        "      info={'pgshift': {'foreign': {'server': 'srv', 'options': {'table_name': 'film'}}}})\n"
        "objects.register(metadata, [objects.ForeignDataWrapper('lab_fdw'),"
        " objects.ForeignServer('srv', 'lab_fdw', options={'host': 'h'})])\n"
    )
    first = push(db_url, config=config, force=True)
    assert any(op.describe() == "create foreign table public.films" for op in first.plan.operations)
    again = push(db_url, config=config, dry_run=True)
    assert [op.describe() for op in again.plan.operations] == []
