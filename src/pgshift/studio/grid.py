"""One page of a table's rows: keyset pagination, sort, typed filters, truncated values.

Pages are read with keyset pagination on the ordering columns (the sort column, then the primary key):
"next" continues after the last row's key, so page 10,000 costs what page 1 costs. Jumping straight to
page N first finds the key ending page N-1 by walking only the ordering columns (an index-only scan on
the primary key), then reads the page by key. Without a primary key, or when sorting by a nullable
column (NULLs break row comparisons), pages fall back to OFFSET, which the page says.

Values travel as PostgreSQL's own text output (``col::text``), cut at ``TRUNCATE`` characters; the full
value is fetched on demand. NULL stays None, distinct from the empty string.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from pgshift.studio.catalog import Column, TableMeta
from pgshift.studio.errors import StudioError, bad_request
from pgshift.studio.settings import MAX_PAGE_SIZE

TRUNCATE = 200
COUNT_LIMIT = 10_000  # a filtered count stops here ("10,000+"): counting is never the slow part of a page

OPERATORS: dict[str, str] = {
    "eq": "=",
    "ne": "≠",
    "lt": "<",
    "le": "≤",
    "gt": ">",
    "ge": "≥",
    "contains": "contains",
    "starts": "starts with",
    "null": "is NULL",
    "notnull": "is not NULL",
}
_ORDERED = ("eq", "ne", "lt", "le", "gt", "ge", "null", "notnull")
OPS_BY_KIND: dict[str, tuple[str, ...]] = {
    "number": _ORDERED,
    "time": _ORDERED,
    "text": (*_ORDERED[:6], "contains", "starts", "null", "notnull"),
    "enum": _ORDERED,
    "bool": ("eq", "ne", "null", "notnull"),
    "json": ("contains", "null", "notnull"),
    "array": ("eq", "contains", "null", "notnull"),
    "other": ("eq", "ne", "null", "notnull"),
}
_COMPARE = {"eq": "=", "ne": "<>", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: str | None = None


@dataclass(frozen=True)
class PageRequest:
    sort: str | None = None
    desc: bool = False
    page: int = 1
    size: int = 50
    after: tuple[str, ...] | None = None  # cursor: ordering values of the last row of the previous page
    before: tuple[str, ...] | None = None  # cursor: ordering values of the first row of the next page
    last: bool = False
    filters: tuple[Filter, ...] = ()


@dataclass(frozen=True)
class Cell:
    text: str | None
    truncated: bool = False


@dataclass(frozen=True)
class Row:
    key: dict[str, str]  # primary key column -> text value ({} without a primary key)
    version: str  # xmin: changes whenever the row is updated (optimistic concurrency)
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Page:
    meta: TableMeta
    request: PageRequest
    rows: tuple[Row, ...]
    page: int | None  # None on the "last page" view of an unknown total
    has_next: bool
    has_prev: bool
    next_cursor: str | None
    prev_cursor: str | None
    total: int | None
    total_exact: bool
    keyset: bool
    server_ms: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def pages(self) -> int | None:
        if self.total is None:
            return None
        return max(1, -(-self.total // self.request.size))


def encode_cursor(values: tuple[str, ...]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[str, ...]:
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError) as exc:
        raise bad_request("bad page cursor: reload the table") from exc
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise bad_request("bad page cursor: reload the table")
    return tuple(values)


def parse_size(raw: str | None, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        raise bad_request(f"page size {raw!r} is not a whole number") from None
    if size < 1 or size > MAX_PAGE_SIZE:
        raise bad_request(f"page size {size} is out of range: use 1 to {MAX_PAGE_SIZE} rows per page")
    return size


def _column(meta: TableMeta, name: str) -> Column:
    column = meta.column(name)
    if column is None:
        raise bad_request(f"no column {name!r} in {meta.schema}.{meta.name}")
    return column


def check_value(conn: Any, column: Column, value: str) -> None:
    """Cast ``value`` to the column's type in the database: a clear 400 instead of a failed page."""
    try:
        with conn.transaction():
            conn.execute(sql.SQL("SELECT %s::{}").format(sql.SQL(column.cast)), (value,))
    except psycopg.Error as exc:
        detail = (exc.diag.message_primary or str(exc)).strip()
        raise bad_request(
            f"{value!r} is not a valid {column.type} for column {column.name}: {detail}"
        ) from None


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_clause(conn: Any, meta: TableMeta, f: Filter) -> tuple[sql.Composable, list[Any]]:
    """One filter as SQL with its parameters; unknown columns, operators or mistyped values are a 400."""
    column = _column(meta, f.column)
    ident = sql.Identifier(column.name)
    allowed = OPS_BY_KIND[column.kind]
    if f.op not in allowed:
        raise bad_request(
            f"operator {f.op!r} does not apply to {column.name} ({column.type}): use one of {', '.join(allowed)}"
        )
    if f.op == "null":
        return sql.SQL("{} IS NULL").format(ident), []
    if f.op == "notnull":
        return sql.SQL("{} IS NOT NULL").format(ident), []
    value = f.value if f.value is not None else ""
    if f.op in ("contains", "starts") and column.kind == "text":
        pattern = ("%" if f.op == "contains" else "") + _like_escape(value) + "%"
        op = "ILIKE" if f.op == "contains" else "LIKE"
        return sql.SQL("{}::text {} %s").format(ident, sql.SQL(op)), [pattern]
    check_value(conn, column, value)
    cast = sql.SQL(column.cast)
    if f.op == "contains":
        return sql.SQL("{} @> %s::{}").format(ident, cast), [value]
    return sql.SQL("{} {} %s::{}").format(ident, sql.SQL(_COMPARE[f.op]), cast), [value]


def _where(parts: list[sql.Composable]) -> sql.Composable:
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(parts) if parts else sql.SQL("")


def read_page(conn: Any, meta: TableMeta, req: PageRequest) -> Page:
    """The rows of one page as ``req`` asks; every name is checked against ``meta`` first."""
    started = time.perf_counter()
    table = sql.Identifier(meta.schema, meta.name)
    order_cols: list[Column] = []
    if req.sort is not None:
        order_cols.append(_column(meta, req.sort))
    for name in meta.primary_key:
        if name != req.sort:
            order_cols.append(_column(meta, name))
    keyset = bool(meta.primary_key) and all(c.not_null or c.name in meta.primary_key for c in order_cols)
    notes: list[str] = []
    if not meta.primary_key:
        notes.append("no primary key: pages use OFFSET and rows cannot be edited")
    elif not keyset:
        notes.append(f"sorted by nullable column {req.sort}: pages use OFFSET")

    where_parts: list[sql.Composable] = []
    params: list[Any] = []
    for f in req.filters:
        clause, values = filter_clause(conn, meta, f)
        where_parts.append(clause)
        params += values

    def order_by(reverse: bool) -> sql.Composable:
        if not order_cols:
            return sql.SQL("")
        desc = req.desc != reverse
        direction = sql.SQL(" DESC" if desc else "")
        nulls = sql.SQL(" NULLS FIRST" if desc else " NULLS LAST")
        return sql.SQL(" ORDER BY ") + sql.SQL(", ").join(
            # qualified: an unqualified name would sort by the output column of that name (its text)
            sql.Composed([sql.SQL("_t."), sql.Identifier(c.name), direction, nulls])
            for c in order_cols
        )

    def after_clause(cursor: tuple[str, ...], reverse: bool) -> tuple[sql.Composable, list[Any]]:
        if len(cursor) != len(order_cols):
            raise bad_request("bad page cursor: reload the table")
        lhs = sql.SQL(", ").join(sql.Identifier(c.name) for c in order_cols)
        rhs = sql.SQL(", ").join(sql.SQL("%s::{}").format(sql.SQL(c.cast)) for c in order_cols)
        op = "<" if req.desc != reverse else ">"
        return sql.SQL("({}) {} ({})").format(lhs, sql.SQL(op), rhs), list(cursor)

    size = req.size
    offset = 0
    reverse = False
    cursor: tuple[str, ...] | None = None
    page_no: int | None = req.page
    if req.last:
        reverse, page_no = True, None
    elif req.before is not None and keyset:
        cursor, reverse = req.before, True
    elif req.after is not None and keyset:
        cursor = req.after
    elif req.page > 1:
        if keyset:  # find the key ending the previous page, walking only the ordering columns
            boundary = sql.SQL("SELECT {} FROM {} AS _t{}{} OFFSET %s LIMIT 1").format(
                sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c.name)) for c in order_cols),
                table,
                _where(where_parts),
                order_by(False),
            )
            found = conn.execute(boundary, [*params, (req.page - 1) * size - 1]).fetchone()
            if found is None:
                raise bad_request(f"page {req.page} is past the end of {meta.schema}.{meta.name}")
            cursor = tuple(found)
        else:
            offset = (req.page - 1) * size

    parts = list(where_parts)
    page_params = list(params)
    if cursor is not None:
        clause, values = after_clause(cursor, reverse)
        parts.append(clause)
        page_params += values
    cells = sql.SQL(", ").join(
        sql.SQL("left({}::text, %s)").format(sql.Identifier(c.name)) for c in meta.columns
    )
    keys = sql.SQL("").join(sql.SQL(", {}::text").format(sql.Identifier(c.name)) for c in order_cols)
    version = (
        sql.SQL(", xmin::text")
        if meta.kind in ("table", "partitioned table", "materialized view")
        else sql.SQL(", ''")
    )
    query = sql.SQL("SELECT {}{}{} FROM {} AS _t{}{} LIMIT %s OFFSET %s").format(
        cells, keys, version, table, _where(parts), order_by(reverse)
    )
    truncate = [TRUNCATE + 1] * len(meta.columns)
    try:
        raw = conn.execute(query, [*truncate, *page_params, size + 1, offset]).fetchall()
    except psycopg.Error as exc:
        raise StudioError(
            400, f"cannot read {meta.schema}.{meta.name}: {(exc.diag.message_primary or str(exc)).strip()}"
        ) from None
    more = len(raw) > size
    raw = raw[:size]
    if reverse:
        raw.reverse()
    n = len(meta.columns)
    rows = []
    order_values = []
    for record in raw:
        values = record[:n]
        ordering = tuple(record[n : n + len(order_cols)])
        order_values.append(ordering)
        key = {c.name: v for c, v in zip(order_cols, ordering, strict=True) if c.name in meta.primary_key}
        rows.append(
            Row(
                key=key,
                version=record[-1] or "",
                cells=tuple(
                    Cell(v[:TRUNCATE], True) if v is not None and len(v) > TRUNCATE else Cell(v)
                    for v in values
                ),
            )
        )
    total, exact = count_rows(conn, meta, table, where_parts, params)
    if reverse and req.last:
        has_next, has_prev = False, more
        if total is not None and exact:
            page_no = max(1, -(-total // size))
    elif reverse:
        has_next, has_prev = True, more
        page_no = max(1, req.page)
    else:
        has_next, has_prev = more, req.page > 1
    next_cursor = encode_cursor(order_values[-1]) if keyset and order_values and has_next else None
    prev_cursor = encode_cursor(order_values[0]) if keyset and order_values and has_prev else None
    return Page(
        meta=meta,
        request=req,
        rows=tuple(rows),
        page=page_no,
        has_next=has_next,
        has_prev=has_prev,
        next_cursor=next_cursor,
        prev_cursor=prev_cursor,
        total=total,
        total_exact=exact,
        keyset=keyset,
        server_ms=(time.perf_counter() - started) * 1000,
        notes=tuple(notes),
    )


def count_rows(
    conn: Any, meta: TableMeta, table: sql.Identifier, where_parts: list[sql.Composable], params: list[Any]
) -> tuple[int | None, bool]:
    """(total, exact). Unfiltered large tables use the planner's estimate; filters count up to a bound."""
    if not where_parts and meta.estimate is not None and meta.estimate > COUNT_LIMIT:
        return meta.estimate, False
    query = sql.SQL("SELECT count(*) FROM (SELECT 1 FROM {}{} LIMIT %s) s").format(table, _where(where_parts))
    found = conn.execute(query, [*params, COUNT_LIMIT + 1]).fetchone()
    count = int(found[0]) if found else 0
    if count > COUNT_LIMIT:
        return COUNT_LIMIT, False
    return count, True


def read_cell(conn: Any, meta: TableMeta, key: dict[str, str], column: str) -> str | None:
    """The whole value of one cell (the grid shows the first TRUNCATE characters)."""
    target = _column(meta, column)
    where, params = key_clause(meta, key)
    query = sql.SQL("SELECT {}::text FROM {} WHERE {}").format(
        sql.Identifier(target.name), sql.Identifier(meta.schema, meta.name), where
    )
    found = conn.execute(query, params).fetchone()
    if found is None:
        raise StudioError(404, f"no such row in {meta.schema}.{meta.name} (deleted?)")
    value: str | None = found[0]
    return value


def key_clause(meta: TableMeta, key: dict[str, str]) -> tuple[sql.Composable, list[Any]]:
    """``pk1 = $1::t1 AND ...``: the key must name exactly the primary key's columns."""
    if not meta.primary_key:
        raise bad_request(f"{meta.schema}.{meta.name} has no primary key: its rows cannot be addressed")
    if set(key) != set(meta.primary_key) or not all(isinstance(v, str) for v in key.values()):
        raise bad_request(f"a row of {meta.schema}.{meta.name} is addressed by {', '.join(meta.primary_key)}")
    parts = []
    for name in meta.primary_key:
        column = _column(meta, name)
        parts.append(sql.SQL("{} = %s::{}").format(sql.Identifier(name), sql.SQL(column.cast)))
    return sql.SQL(" AND ").join(parts), [key[name] for name in meta.primary_key]
