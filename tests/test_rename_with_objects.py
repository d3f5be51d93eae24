"""Renaming a table or a schema that carries triggers, rules and functions: the server moves them with
the table or schema, so the migration must neither create them again (they exist) nor drop them under
the old names (those are gone)."""

from __future__ import annotations

from pathlib import Path

import psycopg

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.diff.renames import RenameDecisions
from tests.test_objects import project, use_schema

CODE = """
from sqlalchemy import Column, Integer, MetaData, Table, Text
from pgshift import objects

metadata = MetaData()
items = Table("@T", metadata, Column("id", Integer, primary_key=True), Column("name", Text), schema="@S")
objects.register(metadata, [
    objects.SQL("CREATE SCHEMA IF NOT EXISTS @S"),
    objects.Function("@S", "stamp()",
                     "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$"),
    objects.Trigger("@S", "@T_stamp", "BEFORE INSERT ON @S.@T FOR EACH ROW EXECUTE FUNCTION @S.stamp()"),
    objects.Rule("@S", "@T_keep", "ON DELETE TO @S.@T DO INSTEAD NOTHING"),
    objects.SQL("CREATE DOMAIN @S.positive AS integer CHECK (VALUE > 0)"),
])
"""


def _code(root: Path, schema: str, table: str) -> None:
    use_schema(root, f"schema_{schema}_{table}", CODE.replace("@S", schema).replace("@T", table))


def _check(db: psycopg.Connection, url: str, config: Path, schema: str, table: str) -> None:
    db.execute(f"INSERT INTO {schema}.{table} (id, name) VALUES (%s, 'x')", (db.execute(
        f"SELECT count(*) + 1 FROM {schema}.{table}").fetchone()[0],))  # fmt: skip
    assert db.execute(f"SELECT DISTINCT name FROM {schema}.{table}").fetchall() == [("X",)]
    db.execute(f"DELETE FROM {schema}.{table}")  # the rule keeps the rows
    assert db.execute(f"SELECT count(*) > 0 FROM {schema}.{table}").fetchone() == (True,)
    report = status(url, config=config)
    assert report.drift is not None and not report.drift.items, report.drift


def test_renaming_a_table_and_a_schema_keeps_their_objects(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    config = project(tmp_path, db_url, schema_filter=("public", "shop", "store"))
    _code(tmp_path, "shop", "items")
    assert generate(config, name="v1").tag
    migrate(db_url, config=config)
    _check(db, db_url, config, "shop", "items")

    _code(tmp_path, "shop", "goods")
    renamed = RenameDecisions().with_rename("table", "shop", "items", "goods")
    second = generate(config, name="v2", renames=renamed)
    assert second.tag
    migrate(db_url, config=config)
    _check(db, db_url, config, "shop", "goods")

    _code(tmp_path, "store", "goods")
    moved = RenameDecisions().with_rename("schema", "", "shop", "store")
    third = generate(config, name="v3", renames=moved)
    assert third.tag
    migrate(db_url, config=config)
    _check(db, db_url, config, "store", "goods")

    rollback(db_url, config=config, steps=2)
    _check(db, db_url, config, "shop", "items")


COLUMN_CODE = """
from sqlalchemy import Column, Integer, MetaData, Table, Text
from pgshift import objects

metadata = MetaData()
items = Table("items", metadata, Column("id", Integer, primary_key=True), Column("@C", Text))
log = Table("log", metadata, Column("id", Integer, primary_key=True), Column("note", Text))
objects.register(metadata, [
    objects.Function("public", "stamp()",
                     "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.@C := upper(NEW.@C); RETURN NEW; END $$"),
    objects.Trigger("public", "items_stamp",
                    "BEFORE UPDATE ON public.items FOR EACH ROW WHEN (OLD.@C IS DISTINCT FROM NEW.@C) "
                    "EXECUTE FUNCTION public.stamp()"),
    objects.Rule("public", "items_log", "ON UPDATE TO public.items DO ALSO INSERT INTO public.log (note) VALUES (NEW.@C)"),
    objects.View("public", "item_names", "SELECT id, @C FROM public.items"),
    objects.MaterializedView("public", "item_counts", "SELECT @C, count(*) AS n FROM public.items GROUP BY @C"),
])
"""


def test_renaming_a_column_a_rule_and_a_trigger_name_keeps_both_ways(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """The server rewrites a rule's and a trigger WHEN's column references when the column is renamed;
    the migration and its down file must leave both working under the column's name of the moment."""
    config = project(tmp_path, db_url)
    use_schema(tmp_path, "schema_town", COLUMN_CODE.replace("@C", "town"))
    assert generate(config, name="v1").tag
    migrate(db_url, config=config)
    use_schema(tmp_path, "schema_city", COLUMN_CODE.replace("@C", "city"))
    renamed = RenameDecisions().with_rename("column", "public.items", "town", "city")
    second = generate(config, name="v2", renames=renamed)
    assert second.tag
    migrate(db_url, config=config)

    def check(column: str) -> None:
        db.execute(f"INSERT INTO items (id, {column}) VALUES (1, 'a')")
        db.execute(f"UPDATE items SET {column} = 'b' WHERE id = 1")
        assert db.execute(f"SELECT {column} FROM items").fetchall() == [("B",)]
        assert db.execute(f"SELECT {column} FROM item_names").fetchall() == [("B",)]
        assert db.execute("SELECT note FROM log ORDER BY id DESC LIMIT 1").fetchall() == [("b",)]
        report = status(db_url, config=config)
        assert report.drift is not None and not report.drift.items, report.drift
        db.execute("DELETE FROM items; DELETE FROM log")

    check("city")
    rollback(db_url, config=config, steps=1)
    check("town")


def test_renaming_a_table_a_view_reads_rebuilds_it_both_ways(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """A view over a renamed table changes text with it: dropped before the rename, so the down file
    creates the old text after renaming the table back."""
    code = """
from sqlalchemy import Column, Integer, MetaData, Table, Text
from pgshift import objects

metadata = MetaData()
items = Table("@T", metadata, Column("id", Integer, primary_key=True), Column("name", Text))
objects.register(metadata, [objects.View("public", "names", "SELECT id, name FROM public.@T")])
"""
    config = project(tmp_path, db_url)
    use_schema(tmp_path, "schema_items", code.replace("@T", "items"))
    assert generate(config, name="v1").tag
    migrate(db_url, config=config)
    use_schema(tmp_path, "schema_goods", code.replace("@T", "goods"))
    assert generate(
        config, name="v2", renames=RenameDecisions().with_rename("table", "public", "items", "goods")
    ).tag
    migrate(db_url, config=config)
    db.execute("INSERT INTO goods VALUES (1, 'a')")
    assert db.execute("SELECT name FROM names").fetchall() == [("a",)]
    rollback(db_url, config=config, steps=1)
    assert db.execute("SELECT name FROM names").fetchall() == [("a",)]
    assert db.execute("SELECT to_regclass('public.items') IS NOT NULL").fetchone() == (True,)
