"""A function that must be dropped and created again (its result type or argument names change, which
CREATE OR REPLACE cannot do) while a column default, a CHECK, a policy and indexes of a table that stays use it:
DROP FUNCTION refuses while they do, so they are taken off first and put back after — in the up file and
in the down file — and the rows stay."""

from __future__ import annotations

from pathlib import Path

import psycopg

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from tests.test_objects import project, use_schema

V1 = """
from sqlalchemy import CheckConstraint, Column, Index, Integer, MetaData, Table, text
from pgshift import objects

metadata = MetaData()
t = Table(
    "t", metadata,
    Column("id", Integer, primary_key=True),
    Column("n", Integer, server_default=text("pick()")),
    CheckConstraint("ok(n)", name="t_n_ok"),
    Index("t_twice", text("twice(n)")),
    info={"pgshift": {"rls": True, "policies": [{"name": "positive", "using": "ok(n)"}]}},
)
Index("t_small", t.c.id, postgresql_where=text("twice(n) < 100"))
objects.register(metadata, [
    objects.Function("public", "pick()", "RETURNS RESULT LANGUAGE sql AS $$ SELECT 1 $$"),
    objects.Function("public", "ok(ARG integer)", "RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT ARG > 0 $$"),
    objects.Function("public", "twice(x integer)", "RETURNS RESULT LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * x $$"),
])
"""


def _version(root: Path, result: str, arg: str) -> None:
    use_schema(root, f"schema_{result}_{arg}", V1.replace("RESULT", result).replace("ARG", arg))


def test_rebuilt_function_takes_its_users_along(db_url: str, db: psycopg.Connection, tmp_path: Path) -> None:
    config = project(tmp_path, db_url)
    _version(tmp_path, "integer", "x")
    assert generate(config, name="v1").tag
    migrate(db_url, config=config)
    db.execute("INSERT INTO t (id) VALUES (1)")

    _version(tmp_path, "bigint", "y")
    second = generate(config, name="v2")
    assert second.tag
    migrate(db_url, config=config)
    db.execute("INSERT INTO t (id) VALUES (2)")
    assert db.execute("SELECT id, n FROM t ORDER BY id").fetchall() == [(1, 1), (2, 1)]
    assert db.execute("SELECT pg_typeof(pick())::text").fetchone() == ("bigint",)
    assert db.execute("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass").fetchone() == (3,)
    report = status(db_url, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert generate(config).tag is None

    rollback(db_url, config=config)
    assert db.execute("SELECT pg_typeof(pick())::text").fetchone() == ("integer",)
    assert db.execute("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass").fetchone() == (3,)
    db.execute("INSERT INTO t (id) VALUES (3)")
    assert db.execute("SELECT count(*) FROM t").fetchone() == (3,)
