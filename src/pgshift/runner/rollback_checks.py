"""Before a rollback touches anything: what would make its down file fail, and what it cannot restore.

A down file that fails half way leaves a database neither before nor after the migration (a column
dropped, a type renamed, a default gone). Most such failures are predictable from the data:

- an enum rebuilt without some values (``CREATE TYPE ... AS ENUM`` after renaming the live type
  away) fails on every row still holding a removed value;
- ``SET NOT NULL`` (or ``ADD COLUMN ... NOT NULL`` without a default) fails on NULLs / existing rows.

These are counted first; rollback refuses with the counts before running any statement. What a
down file structurally restores but cannot fill again (a re-added column, a re-created table, and
whatever its header ``-- pgshift:data-loss`` says) is reported as notes, so nobody expects the data
back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from postgast import pg_query_pb2 as pb
from psycopg import sql

from pgshift.format.headers import read_headers
from pgshift.pg.parser import Statement
from pgshift.pg.sqlstate import is_undefined

AT_SET_NOT_NULL = pb.AlterTableType.Value("AT_SetNotNull")
AT_ADD_COLUMN = pb.AlterTableType.Value("AT_AddColumn")
AT_DROP_COLUMN = pb.AlterTableType.Value("AT_DropColumn")
OBJECT_TYPE = pb.ObjectType.Value("OBJECT_TYPE")
OBJECT_TABLE = pb.ObjectType.Value("OBJECT_TABLE")
CONSTR_NOTNULL = pb.ConstrType.Value("CONSTR_NOTNULL")
CONSTR_DEFAULT = pb.ConstrType.Value("CONSTR_DEFAULT")
CONSTR_IDENTITY = pb.ConstrType.Value("CONSTR_IDENTITY")
CONSTR_GENERATED = pb.ConstrType.Value("CONSTR_GENERATED")


@dataclass(frozen=True)
class RollbackBlocker:
    """Rows that would make a down statement fail."""

    tag: str
    line: int
    what: str
    count: int

    def describe(self) -> str:
        return f"{self.tag} line {self.line}: {self.what}: {self.count} row(s)"


def _names(items: Any) -> list[str]:
    return [item.string.sval for item in items]


def _rel(statement: Statement) -> list[str]:
    rel = statement.node.relation
    return [p for p in (rel.schemaname, rel.relname) if p]


def _count(conn: psycopg.Connection[Any], query: sql.Composed, params: Sequence[Any] = ()) -> int | None:
    """A count, or None when what it counts does not exist (yet)."""
    try:
        with conn.transaction():
            row = conn.execute(query, params).fetchone()
    except psycopg.Error as exc:
        if is_undefined(exc):
            return None
        raise
    return int(row[0]) if row else None


_ENUM_USES = """
SELECT n.nspname, c.relname, a.attname
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.atttypid = to_regtype(%s) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY 1, 2, 3
"""
_ENUM_VALUES = (
    "SELECT enumlabel FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype(%s) ORDER BY enumsortorder"
)


def _qualified(parts: list[str]) -> str:
    return ".".join(sql.Identifier(p).as_string(None) for p in parts)


def blockers(
    conn: psycopg.Connection[Any], tag: str, statements: Sequence[Statement]
) -> list[RollbackBlocker]:
    """Count, on the live data, what would make ``statements`` (a down file) fail."""
    out: list[RollbackBlocker] = []
    dropped_columns: set[tuple[str, ...]] = set()
    dropped_tables: set[tuple[str, ...]] = set()
    for st in statements:
        if st.kind == "drop_stmt" and st.node.remove_type == OBJECT_TABLE:
            for obj in st.node.objects:
                dropped_tables.add(tuple(_names(obj.list.items))[-1:])
        if st.kind == "create_enum_stmt":
            out.extend(_enum_blockers(conn, tag, st, dropped_columns, dropped_tables))
        if st.kind != "alter_table_stmt":
            continue
        parts = _rel(st)
        table = sql.Identifier(*parts)
        for cmd in st.node.cmds:
            c = cmd.alter_table_cmd
            if c.subtype == AT_DROP_COLUMN:
                dropped_columns.add((parts[-1], c.name))
            elif c.subtype == AT_SET_NOT_NULL:
                column = sql.Identifier(c.name)
                nulls = _count(
                    conn, sql.SQL("SELECT count(*) FROM {} WHERE {} IS NULL").format(table, column)
                )
                if nulls is None:  # the column comes back in this file, empty: every row is a NULL
                    nulls = _count(conn, sql.SQL("SELECT count(*) FROM {}").format(table))
                if nulls:
                    what = f"SET NOT NULL on {'.'.join(parts)}.{c.name} meets NULLs"
                    out.append(RollbackBlocker(tag, st.line, what, nulls))
            elif c.subtype == AT_ADD_COLUMN:
                column_def = getattr(c, "def").column_def
                kinds = {con.constraint.contype for con in column_def.constraints}
                if CONSTR_NOTNULL in kinds and not kinds & {
                    CONSTR_DEFAULT,
                    CONSTR_IDENTITY,
                    CONSTR_GENERATED,
                }:
                    rows = _count(conn, sql.SQL("SELECT count(*) FROM {}").format(table))
                    if rows:
                        what = (
                            f"ADD COLUMN {column_def.colname} NOT NULL without a default on {'.'.join(parts)}"
                        )
                        out.append(RollbackBlocker(tag, st.line, what, rows))
    return out


def _enum_blockers(
    conn: psycopg.Connection[Any],
    tag: str,
    st: Statement,
    dropped_columns: set[tuple[str, ...]],
    dropped_tables: set[tuple[str, ...]],
) -> list[RollbackBlocker]:
    """Rows holding values that the rebuilt enum no longer has (the live type still has its name)."""
    name = _qualified(_names(st.node.type_name))
    kept = set(_names(st.node.vals))
    try:
        with conn.transaction():
            live = [r[0] for r in conn.execute(_ENUM_VALUES, (name,)).fetchall()]
            uses = conn.execute(_ENUM_USES, (name,)).fetchall()
    except psycopg.Error as exc:
        if is_undefined(exc):
            return []
        raise
    removed = [v for v in live if v not in kept]
    if not removed:
        return []
    out = []
    for schema, table, column in uses:
        if (table, column) in dropped_columns or (table,) in dropped_tables:
            continue
        count = _count(
            conn,
            sql.SQL("SELECT count(*) FROM {} WHERE {}::text = ANY(%s)").format(
                sql.Identifier(schema, table), sql.Identifier(column)
            ),
            (removed,),
        )
        if count:
            values = ", ".join(repr(v) for v in removed)
            what = f"enum {name} loses {values}, still held by {schema}.{table}.{column}"
            out.append(RollbackBlocker(tag, st.line, what, count))
    return out


def data_notes(down_sql: str, statements: Sequence[Statement]) -> list[str]:
    """What the down file brings back empty: structure is restored, data is not."""
    notes = list(read_headers(down_sql).data_loss)
    for st in statements:
        if st.kind == "create_stmt":
            notes.append(
                f"table {'.'.join(_rel(st))} comes back empty (line {st.line}): its rows are not restored"
            )
        elif st.kind == "alter_table_stmt":
            for cmd in st.node.cmds:
                c = cmd.alter_table_cmd
                if c.subtype == AT_ADD_COLUMN:
                    column = getattr(c, "def").column_def.colname
                    notes.append(
                        f"column {'.'.join(_rel(st))}.{column} comes back empty (line {st.line}): structure is "
                        "restored, data is not"
                    )
    return notes
