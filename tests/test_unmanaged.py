"""Kinds pgshift does not model are listed as "not managed" by pull, push and status, and never touched.

The database is given one object of each such kind; the check of what still exists afterwards is its
own catalog query (not the one behind the listing)."""

from __future__ import annotations

from pathlib import Path

import psycopg

from pgshift.api.pull import pull
from pgshift.api.push import push
from tests.test_objects import project

SETUP = """
CREATE TABLE public.t (id integer PRIMARY KEY, a integer, b integer);
CREATE TEXT SEARCH CONFIGURATION public.english_copy (COPY = pg_catalog.english);
CREATE FUNCTION public.int_eq_text(integer, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1::text = $2 $$;
CREATE OPERATOR public.=~= (LEFTARG = integer, RIGHTARG = text, FUNCTION = public.int_eq_text,
    NEGATOR = OPERATOR(public.!~=));
CREATE FOREIGN DATA WRAPPER pgshift_test_fdw;
CREATE SERVER pgshift_test_server FOREIGN DATA WRAPPER pgshift_test_fdw;
CREATE FOREIGN TABLE public.remote (id integer) SERVER pgshift_test_server;
CREATE PUBLICATION pgshift_test_pub FOR TABLE public.t;
"""

EXPECTED = {
    ("text search configuration", "public.english_copy"),
    ("shell operator", "public.!~=(integer, text)"),  # =~= itself is managed (operators.sql)
    ("foreign data wrapper", "pgshift_test_fdw"),
    ("foreign server", "pgshift_test_server"),
    ("foreign table", "public.remote"),
    ("publication", "pgshift_test_pub"),
}

STILL_THERE = """
SELECT (SELECT count(*) FROM pg_ts_config WHERE cfgname = 'english_copy')
     + (SELECT count(*) FROM pg_operator WHERE oprname = '!~=')
     + (SELECT count(*) FROM pg_foreign_data_wrapper WHERE fdwname = 'pgshift_test_fdw')
     + (SELECT count(*) FROM pg_foreign_server WHERE srvname = 'pgshift_test_server')
     + (SELECT count(*) FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid WHERE c.relname = 'remote')
     + (SELECT count(*) FROM pg_publication WHERE pubname = 'pgshift_test_pub')
"""


def test_unmodelled_kinds_are_listed_and_left_alone(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    db.execute(SETUP)
    assert db.execute(STILL_THERE).fetchone() == (6,)
    config = project(tmp_path, db_url)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert {(u.kind, u.name) for u in pulled.unmanaged} >= EXPECTED
    result = push(db_url, config=config)
    assert result.plan.operations == ()
    assert {(u.kind, u.name) for u in result.plan.unmanaged} >= EXPECTED
    assert db.execute(STILL_THERE).fetchone() == (6,)


def test_extension_members_are_not_listed(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    """An extension's own operators, classes and functions belong to it: listing them would bury the
    user's objects under hundreds of lines."""
    available = db.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'").fetchone()
    if not available or not available[0]:
        import pytest

        pytest.skip("pg_trgm is not installed on this server")
    db.execute("CREATE EXTENSION pg_trgm")
    config = project(tmp_path, db_url)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert {u.kind for u in pulled.unmanaged} & {"operator", "operator class", "operator family"} == set()


SETTINGS = """
CREATE SCHEMA a_schema_whose_name_is_long_enough_to_matter;
CREATE TABLE a_schema_whose_name_is_long_enough_to_matter.a_table_with_a_long_name_too (
    id integer PRIMARY KEY, b integer);
ALTER TABLE a_schema_whose_name_is_long_enough_to_matter.a_table_with_a_long_name_too
    CLUSTER ON a_table_with_a_long_name_too_pkey;
CREATE INDEX ix ON a_schema_whose_name_is_long_enough_to_matter.a_table_with_a_long_name_too ((b + 1));
ALTER INDEX a_schema_whose_name_is_long_enough_to_matter.ix ALTER COLUMN 1 SET STATISTICS 100;
CREATE VIEW public.v AS SELECT 1 AS one;
ALTER VIEW public.v ALTER COLUMN one SET DEFAULT 2;
"""


def test_settings_without_a_model_field_are_named_whole(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """Settings of managed objects that pgshift cannot carry yet are named (never lost unseen), by their
    whole qualified name: the listing's column is text, not a 63-byte ``name``."""
    db.execute(SETTINGS)
    long = "a_schema_whose_name_is_long_enough_to_matter.a_table_with_a_long_name_too"
    db.execute(f"CREATE STATISTICS {long}_ab ON id, b FROM {long}")
    config = project(
        tmp_path, db_url, schema_filter=("public", "a_schema_whose_name_is_long_enough_to_matter")
    )
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert {(u.kind, u.name) for u in pulled.unmanaged} >= {
        ("index statistics target", "a_schema_whose_name_is_long_enough_to_matter.ix.expr"),
        ("view column default", "public.v.one"),
    }
    # a statistics object is modelled now (tests/test_statistics.py), named whole there too
    assert f"{long}_ab" in {s.key for s in pulled.model.statistics}
