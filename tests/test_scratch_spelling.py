"""Expressions the server rewrites on the way in (an integer literal passed to a numeric parameter is
stored as ``(1)::numeric``) are taken in the server's spelling when a scratch database reads the
declarations back, so a migrated database shows no drift and push plans nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.push import push
from pgshift.api.status import status
from tests.test_objects import project

SCHEMA = """
from sqlalchemy import CheckConstraint, Column, Index, Integer, MetaData, Numeric, Table, text
from pgshift import objects

metadata = MetaData()
items = Table(
    "items", metadata,
    Column("id", Integer, primary_key=True),
    Column("price", Numeric, server_default=text("net_price(1)")),
    Column("net", Numeric, server_default=text("net_price(2) / 4")),
    CheckConstraint("net_price(price) < net_price(100)", name="items_price_check"),
)
Index("items_cheap", items.c.id, postgresql_where=text("net_price(price) < net_price(5)"))
objects.register(metadata, [
    objects.Function("public", "net_price(amount numeric)",
                     "RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 2 $$"),
])
"""


def test_server_rewritten_expressions_show_no_drift(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    config = project(tmp_path, db_url)
    (tmp_path / "schema.py").write_text(SCHEMA)
    assert generate(config, name="init").tag
    migrate(db_url, config=config)
    db.execute("INSERT INTO items (id) VALUES (1)")
    assert db.execute("SELECT price, net FROM items").fetchone() == (2, 1)
    report = status(db_url, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    assert push(db_url, config=config, dry_run=True).plan.operations == ()
    assert generate(config).tag is None
