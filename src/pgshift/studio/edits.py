"""Changes to rows: update one cell, insert a row, delete rows — previewed as SQL, applied in one transaction.

Optimistic concurrency: each row on a page carries its ``xmin`` (the transaction that last wrote it),
and a change only applies ``WHERE <primary key> AND xmin = <the version loaded>``. A row changed or
deleted by someone else since it was loaded matches nothing, so the whole change is rolled back and
answered with a conflict showing the row as it is now — never a silent overwrite.

Values arrive as text (or None for NULL) and are cast in the database to the column's type, as
parameters; names are the catalog's (``TableMeta``), quoted with ``sql.Identifier``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import ClientCursor, sql

from pgshift.studio.catalog import Column, TableMeta
from pgshift.studio.errors import StudioError, bad_request
from pgshift.studio.grid import key_clause


@dataclass(frozen=True)
class RowRef:
    key: dict[str, str]
    version: str


@dataclass(frozen=True)
class Statement:
    query: sql.Composed
    params: list[Any]


@dataclass(frozen=True)
class Outcome:
    sql: str  # what ran (or would run), values inlined for people to read
    applied: bool
    rows: int = 0
    key: dict[str, str] | None = None  # an inserted row's key
    version: str | None = None  # an updated row's new version


def _writable(meta: TableMeta, name: str) -> Column:
    column = meta.column(name)
    if column is None:
        raise bad_request(f"no column {name!r} in {meta.schema}.{meta.name}")
    if column.generated:
        raise bad_request(f"column {name} is generated: it cannot be written")
    return column


def _editable(meta: TableMeta) -> None:
    if not meta.editable:
        why = "has no primary key" if not meta.primary_key else f"is a {meta.kind}"
        raise bad_request(f"{meta.schema}.{meta.name} {why}: its rows cannot be edited here")


def _value(column: Column, value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise bad_request(f"the value for {column.name} must be text or null")
    if value is None and column.not_null:
        raise bad_request(f"column {column.name} is NOT NULL")
    return value


def update_statement(meta: TableMeta, ref: RowRef, column_name: str, value: Any) -> Statement:
    _editable(meta)
    column = _writable(meta, column_name)
    where, params = key_clause(meta, ref.key)
    query = sql.SQL("UPDATE {} SET {} = %s::{} WHERE {} AND xmin::text = %s RETURNING xmin::text").format(
        sql.Identifier(meta.schema, meta.name), sql.Identifier(column.name), sql.SQL(column.cast), where
    )
    return Statement(query, [_value(column, value), *params, ref.version])


def insert_statement(meta: TableMeta, values: dict[str, Any]) -> Statement:
    _editable(meta)
    table = sql.Identifier(meta.schema, meta.name)
    returning = sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(k)) for k in meta.primary_key)
    if not values:
        return Statement(sql.SQL("INSERT INTO {} DEFAULT VALUES RETURNING {}").format(table, returning), [])
    columns = [_writable(meta, name) for name in values]
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING {}").format(
        table,
        sql.SQL(", ").join(sql.Identifier(c.name) for c in columns),
        sql.SQL(", ").join(sql.SQL("%s::{}").format(sql.SQL(c.cast)) for c in columns),
        returning,
    )
    return Statement(query, [_value(c, values[c.name]) for c in columns])


def delete_statements(meta: TableMeta, refs: list[RowRef]) -> list[Statement]:
    _editable(meta)
    if not refs:
        raise bad_request("no rows selected")
    out = []
    for ref in refs:
        where, params = key_clause(meta, ref.key)
        query = sql.SQL("DELETE FROM {} WHERE {} AND xmin::text = %s").format(
            sql.Identifier(meta.schema, meta.name), where
        )
        out.append(Statement(query, [*params, ref.version]))
    return out


def preview(conn: Any, statements: list[Statement]) -> str:
    """The statements with their values inlined (psycopg's own quoting), as one transaction."""
    cur = ClientCursor(conn)
    body = "\n".join(cur.mogrify(s.query, s.params) + ";" for s in statements)
    return f"BEGIN;\n{body}\nCOMMIT;"


def current_row(conn: Any, meta: TableMeta, key: dict[str, str]) -> dict[str, str | None] | None:
    where, params = key_clause(meta, key)
    cols = sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c.name)) for c in meta.columns)
    found = conn.execute(
        sql.SQL("SELECT {}, xmin::text FROM {} WHERE {}").format(
            cols, sql.Identifier(meta.schema, meta.name), where
        ),
        params,
    ).fetchone()
    if found is None:
        return None
    row = {c.name: v for c, v in zip(meta.columns, found, strict=False)}
    row["__version"] = found[-1]
    return row


def _db_error(exc: psycopg.Error) -> StudioError:
    diag = exc.diag
    message = (diag.message_primary or str(exc)).strip()
    if diag.message_detail:
        message += f" ({diag.message_detail.strip()})"
    return StudioError(400, f"the database refused the change: {message}; nothing was changed")


def apply(
    conn: Any, meta: TableMeta, statements: list[Statement], refs: list[RowRef], *, dry_run: bool
) -> Outcome:
    """Run ``statements`` in one transaction; a statement matching no row (conflict) rolls all back.

    ``refs[i]`` is the row statement i must hit (empty for an insert).
    """
    text = preview(conn, statements)
    if dry_run:
        return Outcome(text, applied=False)
    affected = 0
    returned: tuple[Any, ...] | None = None
    try:
        with conn.transaction():
            for i, statement in enumerate(statements):
                cur = conn.execute(statement.query, statement.params)
                if i < len(refs) and cur.rowcount == 0:
                    raise _Conflict(refs[i])
                affected += max(cur.rowcount, 0)
                if cur.description is not None:
                    returned = cur.fetchone()
    except _Conflict as conflict:
        ref = conflict.ref
        now = current_row(conn, meta, ref.key)
        if now is None:
            raise StudioError(
                409, "conflict: this row was deleted since it was loaded; nothing was changed"
            ) from None
        raise StudioError(
            409,
            "conflict: this row was changed by someone else since it was loaded; nothing was changed "
            "— reload to see its current values",
            current=now,
        ) from None
    except psycopg.Error as exc:
        raise _db_error(exc) from None
    out = Outcome(text, applied=True, rows=affected)
    if returned is not None and not refs:  # insert: RETURNING the key
        out = Outcome(text, True, affected, key=dict(zip(meta.primary_key, returned, strict=True)))
    elif returned is not None:  # update: RETURNING the new version
        out = Outcome(text, True, affected, version=returned[0])
    return out


class _Conflict(Exception):
    def __init__(self, ref: RowRef) -> None:
        super().__init__("conflict")
        self.ref = ref
