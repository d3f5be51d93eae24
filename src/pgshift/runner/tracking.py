"""The tracking table: which migrations a database has applied.

It is drizzle-orm's own table (``"drizzle"."__drizzle_migrations"``: ``id serial``, ``hash text``,
``created_at bigint`` = the journal entry's ``when``) so that drizzle-orm's migrator and pgshift can
take turns on one database. pgshift only ADDS nullable columns (``IF NOT EXISTS``): the migration's
tag, when it was really applied and how long it took, which pgshift wrote it, and whether it was
recorded by ``baseline`` without running. drizzle-orm ignores columns it does not know.

Progress of a migration that runs in several transaction groups (runner.groups) is kept in the same
table: while it is partly applied its row has ``groups_done`` set (and ``group_running`` while an
autocommit group is in flight) and ``created_at`` = 0. drizzle-orm's migrator only reads the row
with the greatest ``created_at``, so a partial row never looks like the newest applied migration to
it; when the last group commits, the row becomes a normal one (``created_at`` = the journal's
``when``, ``groups_done`` NULL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from pgshift import __version__

# pgshift's extra columns, all nullable so drizzle-orm's INSERT (hash, created_at) keeps working.
EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "text"),
    ("applied_at", "timestamptz"),
    ("duration_ms", "integer"),
    ("pgshift_version", "text"),
    ("baselined", "boolean"),
    ("groups_done", "integer"),
    ("groups_total", "integer"),
    ("group_running", "integer"),
)
PARTIAL_CREATED_AT = 0  # below every real `when`: drizzle-orm never takes a partial row for the newest


@dataclass(frozen=True)
class TrackingTable:
    """Where the applied migrations are recorded (config ``migrations_schema`` / ``migrations_table``)."""

    schema: str = "drizzle"
    table: str = "__drizzle_migrations"

    @property
    def ident(self) -> sql.Identifier:
        return sql.Identifier(self.schema, self.table)

    @property
    def display(self) -> str:
        return '"{}"."{}"'.format(self.schema.replace('"', '""'), self.table.replace('"', '""'))


@dataclass(frozen=True)
class AppliedRow:
    """One row of the tracking table. ``name`` is None for rows written by drizzle-orm's migrator."""

    id: int
    hash: str
    created_at: int | None
    name: str | None = None
    applied_at: dt.datetime | None = None
    duration_ms: int | None = None
    pgshift_version: str | None = None
    baselined: bool = False
    groups_done: int | None = None  # set while partly applied: the groups committed so far
    groups_total: int | None = None
    group_running: int | None = None  # an autocommit group started but not recorded as done

    @property
    def by_drizzle(self) -> bool:
        return self.name is None

    @property
    def partial(self) -> bool:
        return self.groups_done is not None


@dataclass(frozen=True)
class TrackingState:
    """What the database holds: whether the table exists, its columns, and its rows by id."""

    exists: bool
    columns: frozenset[str]
    rows: tuple[AppliedRow, ...]

    @property
    def complete(self) -> bool:
        """The table exists with all of pgshift's columns (no DDL needed before writing)."""
        return self.exists and all(name in self.columns for name, _ in EXTRA_COLUMNS)


def read_state(conn: psycopg.Connection[Any], table: TrackingTable) -> TrackingState:
    """Read every row in one query; a missing table (or schema) is an empty state, not an error.

    ``SELECT *`` on purpose: it works on drizzle-orm's three-column table and on pgshift's wider one,
    and the column list tells whether pgshift's columns still need adding.
    """
    query = sql.SQL("SELECT * FROM {} ORDER BY id").format(table.ident)
    try:
        if conn.autocommit or conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            cur = conn.execute(query)
        else:  # inside a transaction: do not let a missing table abort it
            with conn.transaction():
                cur = conn.execute(query)
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        return TrackingState(exists=False, columns=frozenset(), rows=())
    names = [d.name for d in cur.description or ()]
    rows = []
    for values in cur.fetchall():
        record = dict(zip(names, values, strict=True))
        rows.append(
            AppliedRow(
                id=record["id"],
                hash=record["hash"],
                created_at=record.get("created_at"),
                name=record.get("name"),
                applied_at=record.get("applied_at"),
                duration_ms=record.get("duration_ms"),
                pgshift_version=record.get("pgshift_version"),
                baselined=bool(record.get("baselined")),
                groups_done=record.get("groups_done"),
                groups_total=record.get("groups_total"),
                group_running=record.get("group_running"),
            )
        )
    return TrackingState(exists=True, columns=frozenset(names), rows=tuple(rows))


def ensure_statements(table: TrackingTable) -> list[sql.Composed]:
    """DDL creating the table as drizzle-orm does, then adding pgshift's columns; all idempotent."""
    adds = sql.SQL(", ").join(
        sql.SQL("ADD COLUMN IF NOT EXISTS {} {}").format(sql.Identifier(name), sql.SQL(kind))
        for name, kind in EXTRA_COLUMNS
    )
    return [
        sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(table.schema)),
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)"
        ).format(table.ident),
        sql.SQL("ALTER TABLE {} {}").format(table.ident, adds),
    ]


def ensure(conn: psycopg.Connection[Any], table: TrackingTable) -> None:
    """Create the table / add missing columns. Call under the advisory lock (CREATE SCHEMA races)."""
    with conn.transaction():
        for statement in ensure_statements(table):
            conn.execute(statement)


def insert_statement(
    table: TrackingTable,
    *,
    hash: str,
    when: int,
    tag: str,
    duration_ms: int | None,
    baselined: bool = False,
    groups_total: int | None = None,
) -> sql.Composed:
    """The INSERT recording one migration (literal values, so --dry-run can print it as it runs)."""
    return sql.SQL(
        "INSERT INTO {} (hash, created_at, name, applied_at, duration_ms, pgshift_version, baselined, "
        "groups_total) VALUES ({}, {}, {}, clock_timestamp(), {}, {}, {}, {})"
    ).format(
        table.ident,
        sql.Literal(hash),
        sql.Literal(when),
        sql.Literal(tag),
        sql.Literal(duration_ms),
        sql.Literal(__version__),
        sql.Literal(baselined),
        sql.Literal(groups_total),
    )


def _partial_row(tag: str) -> sql.Composed:
    return sql.SQL("name = {} AND groups_done IS NOT NULL").format(sql.Literal(tag))


def progress_statement(
    table: TrackingTable, *, hash: str, tag: str, done: int, total: int, running: int | None, exists: bool
) -> sql.Composed:
    """Record that ``done`` groups of ``tag`` are committed (and ``running`` is in flight)."""
    if exists:
        return sql.SQL(
            "UPDATE {} SET groups_done = {}, group_running = {}, applied_at = clock_timestamp() WHERE {}"
        ).format(table.ident, sql.Literal(done), sql.Literal(running), _partial_row(tag))
    return sql.SQL(
        "INSERT INTO {} (hash, created_at, name, applied_at, pgshift_version, groups_done, groups_total, "
        "group_running) VALUES ({}, {}, {}, clock_timestamp(), {}, {}, {}, {})"
    ).format(
        table.ident,
        sql.Literal(hash),
        sql.Literal(PARTIAL_CREATED_AT),
        sql.Literal(tag),
        sql.Literal(__version__),
        sql.Literal(done),
        sql.Literal(total),
        sql.Literal(running),
    )


def abandon_statement(table: TrackingTable, tag: str) -> sql.Composed:
    """Forget the progress row of ``tag`` when no group of it committed (a clean failure)."""
    return sql.SQL("DELETE FROM {} WHERE {} AND groups_done = 0").format(table.ident, _partial_row(tag))


def complete_statement(
    table: TrackingTable, *, hash: str, when: int, tag: str, duration_ms: int | None, total: int, exists: bool
) -> sql.Composed:
    """Record ``tag`` as applied: the partial row becomes a normal one, or a new row is inserted."""
    if not exists:
        return insert_statement(
            table, hash=hash, when=when, tag=tag, duration_ms=duration_ms, groups_total=total
        )
    return sql.SQL(
        "UPDATE {} SET hash = {}, created_at = {}, applied_at = clock_timestamp(), duration_ms = {}, "
        "pgshift_version = {}, groups_done = NULL, group_running = NULL, groups_total = {} WHERE {}"
    ).format(
        table.ident,
        sql.Literal(hash),
        sql.Literal(when),
        sql.Literal(duration_ms),
        sql.Literal(__version__),
        sql.Literal(total),
        _partial_row(tag),
    )


def delete_statement(table: TrackingTable, row_id: int) -> sql.Composed:
    return sql.SQL("DELETE FROM {} WHERE id = {}").format(table.ident, sql.Literal(row_id))
