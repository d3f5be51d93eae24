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
CREATE FUNCTION public.int_eq_text(integer, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1::text = $2 $$;
CREATE OPERATOR public.=~= (LEFTARG = integer, RIGHTARG = text, FUNCTION = public.int_eq_text,
    NEGATOR = OPERATOR(public.!~=));
CREATE FOREIGN DATA WRAPPER pgshift_test_fdw;
CREATE SERVER pgshift_test_server FOREIGN DATA WRAPPER pgshift_test_fdw OPTIONS (host 'h', password 'pw1234');
CREATE USER MAPPING FOR PUBLIC SERVER pgshift_test_server OPTIONS (password 'pw5678');
CREATE FOREIGN TABLE public.remote (id integer) SERVER pgshift_test_server;
CREATE TABLE public.parted (id integer) PARTITION BY LIST (id);
CREATE FOREIGN TABLE public.parted_one PARTITION OF public.parted FOR VALUES IN (1) SERVER pgshift_test_server;
ALTER FOREIGN TABLE public.parted_one ALTER COLUMN id OPTIONS (ADD column_name 'ident');
CREATE SCHEMA elsewhere;
CREATE TABLE elsewhere.audit (id integer PRIMARY KEY);
CREATE PUBLICATION pgshift_test_pub FOR TABLE public.t, elsewhere.audit;
"""

EXPECTED = {
    ("shell operator", "public.!~=(integer, text)"),  # =~= itself is managed (operators.sql)
    # wrappers, servers and foreign tables are modelled (tests/test_foreign.py); what they hold that is
    # not: user mappings and credential-like options (by name only), a foreign partition's column options
    ("user mapping", "PUBLIC on pgshift_test_server"),
    ("foreign server option", "pgshift_test_server.password"),
    ("foreign partition column options", "public.parted_one.id"),
    # a publication is modelled (tests/test_publications.py) unless it names a table or schema outside
    # the managed ones, as this one does
    ("publication", "pgshift_test_pub"),
}

STILL_THERE = """
SELECT (SELECT count(*) FROM pg_operator WHERE oprname = '!~=')
     + (SELECT count(*) FROM pg_operator WHERE oprname = '=~=')
     + (SELECT count(*) FROM pg_foreign_data_wrapper WHERE fdwname = 'pgshift_test_fdw')
     + (SELECT count(*) FROM pg_foreign_server WHERE srvname = 'pgshift_test_server')
     + (SELECT count(*) FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid WHERE c.relname = 'remote')
     + (SELECT count(*) FROM pg_publication WHERE pubname = 'pgshift_test_pub')
     + (SELECT count(*) FROM pg_user_mappings WHERE srvname = 'pgshift_test_server')
     + (SELECT count(*) FROM pg_foreign_server, unnest(srvoptions) o WHERE o = 'password=pw1234')
     + (SELECT count(*) FROM pg_attribute WHERE attname = 'id' AND attfdwoptions = '{column_name=ident}')
"""


def test_unmodelled_kinds_are_listed_and_left_alone(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    db.execute(SETUP)
    assert db.execute(STILL_THERE).fetchone() == (9,)
    config = project(tmp_path, db_url)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert {(u.kind, u.name) for u in pulled.unmanaged} >= EXPECTED
    result = push(db_url, config=config)
    assert result.plan.operations == ()
    assert {(u.kind, u.name) for u in result.plan.unmanaged} >= EXPECTED
    modelled = {("foreign data wrapper", "pgshift_test_fdw"), ("foreign server", "pgshift_test_server")}
    assert not modelled & {(u.kind, u.name) for u in pulled.unmanaged}
    assert ("foreign table", "public.remote") not in {(u.kind, u.name) for u in pulled.unmanaged}
    assert db.execute(STILL_THERE).fetchone() == (9,)


def test_push_lists_what_it_leaves_alone_in_a_schema_only_the_code_uses(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """push reads what it leaves alone in the config's schemas beside the catalog, before the code is
    loaded; code that uses a schema the filter leaves out widens the scope, and that schema's objects
    are listed too (asked again after the load)."""
    db.execute(
        "CREATE SCHEMA extra; CREATE TABLE extra.t (id integer PRIMARY KEY);"
        "CREATE OPERATOR FAMILY extra.fam USING btree; CREATE OPERATOR FAMILY public.pfam USING btree"
    )
    config = project(tmp_path, db_url)
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "metadata = MetaData()\n"
        "Table('t', metadata, Column('id', Integer, primary_key=True, autoincrement=False), schema='extra')\n"
    )
    result = push(db_url, config=config, dry_run=True)
    assert result.plan.operations == ()
    listed = {(u.kind, u.name) for u in result.plan.unmanaged}
    assert {("operator family", "extra.fam"), ("operator family", "public.pfam")} <= listed
    narrow_config = project(tmp_path / "narrow", db_url)  # (a module of another path: not the one imported)
    (tmp_path / "narrow" / "schema.py").write_text("from sqlalchemy import MetaData\nmetadata = MetaData()\n")
    narrow = {(u.kind, u.name) for u in push(db_url, config=narrow_config, dry_run=True).plan.unmanaged}
    assert ("operator family", "public.pfam") in narrow and ("operator family", "extra.fam") not in narrow


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
ALTER TABLE a_schema_whose_name_is_long_enough_to_matter.a_table_with_a_long_name_too
    ADD CONSTRAINT b_once EXCLUDE USING btree ((b * 2) WITH =);
ALTER INDEX a_schema_whose_name_is_long_enough_to_matter.b_once ALTER COLUMN 1 SET STATISTICS 10;
CREATE VIEW public.v AS SELECT 1 AS one;
ALTER VIEW public.v ALTER COLUMN one SET DEFAULT 2;
CREATE TABLE public.events (id integer, body text);
ALTER TABLE public.events REPLICA IDENTITY FULL;
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
        # an index's own is modelled (below); an EXCLUDE constraint's index's is not
        ("index statistics target", "a_schema_whose_name_is_long_enough_to_matter.b_once.expr"),
        ("table replica identity", "public.events FULL"),  # what publications send for UPDATE/DELETE
    }
    assert not {u.name for u in pulled.unmanaged} & {"a_schema_whose_name_is_long_enough_to_matter.ix.expr"}
    # a view's column default is modelled too
    assert not {u.kind for u in pulled.unmanaged} & {"view column default"}
    assert [v.column_defaults for v in pulled.model.views] == [(("one", "2"),)]
    (table,) = [t for t in pulled.model.tables if t.name != "events"]  # (events: replica identity)
    assert [e.statistics for i in table.indexes if i.name == "ix" for e in i.elements] == [100]
    # a statistics object is modelled now (tests/test_statistics.py), named whole there too
    assert f"{long}_ab" in {s.key for s in pulled.model.statistics}
