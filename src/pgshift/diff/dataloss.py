"""What a push would destroy or trip over, counted on the real data before anything runs.

Drizzle Kit's push warns about dropped tables and columns but not about SET NOT NULL over NULLs or type
changes whose cast fails; and it offers to TRUNCATE a table to make a constraint fit. pgshift counts every
case and never deletes data to make a change fit: the person decides (``--force``) or changes the schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pgshift.diff import operations as ops
from pgshift.model.schema import PrimaryKey, UniqueConstraint
from pgshift.model.types import qualified_name, quote_ident, quote_literal

DATA_LOSS = "data-loss"
WILL_FAIL = "will-fail"
WIDENS_ACCESS = "widens-access"  # a privilege taken from PUBLIC is given back (no rows counted)
STOPS_PUBLISHING = "stops-publishing"  # a publication dropped, or tables taken out of one (subscribers)


@dataclass(frozen=True)
class Risk:
    """One finding: ``kind`` is data-loss (rows or values disappear), will-fail (existing rows do not fit),
    widens-access (a privilege revoked from PUBLIC is given back) or stops-publishing (a publication's
    subscribers stop receiving changes: ``diff/kinds/publication.stops_publishing``)."""

    kind: str
    subject: str
    message: str
    count: int | None


def _scalar(conn: Any, sql: str) -> int:
    row = conn.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _duplicates(conn: Any, table: str, columns: Sequence[str], nulls_distinct: bool) -> int:
    cols = ", ".join(quote_ident(c) for c in columns)
    where = " AND ".join(f"{quote_ident(c)} IS NOT NULL" for c in columns) if nulls_distinct else "true"
    return _scalar(
        conn,
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} GROUP BY {cols} HAVING count(*) > 1) d",
    )


def _exists(conn: Any, table: str, columns: Sequence[str] = ()) -> bool:
    """Whether the table (and each of ``columns``) exists now, before the plan runs."""
    if not conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]:
        return False
    if not columns:
        return True
    found = conn.execute(
        "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = ANY(%s) "
        "AND attnum > 0 AND NOT attisdropped",
        (table, list(columns)),
    ).fetchone()[0]
    return bool(found == len(set(columns)))


# undefined_object (a type the plan creates), undefined_table, undefined_column: nothing to count yet.
_NOT_YET = frozenset({"42704", "42P01", "42703"})


def _failing_cast(conn: Any, table: str, column: str, new: Any) -> tuple[int | None, str | None]:
    """Rows whose value does not convert to the new type: an exact count on PostgreSQL 16+
    (pg_input_is_valid), else whether the whole cast fails (tried inside a savepoint)."""
    col = quote_ident(column)
    target = new.type.sql
    import psycopg

    version = conn.info.server_version
    try:
        with conn.transaction():
            if version >= 160000:
                return _scalar(
                    conn,
                    f"SELECT count(*) FROM {table} WHERE {col} IS NOT NULL "
                    f"AND NOT pg_input_is_valid({col}::text, {quote_literal(target)})",
                ), None
            conn.execute(f"SELECT count({col}::{target}) FROM {table}")
            return 0, None
    except psycopg.Error as exc:  # the cast itself failed (or the target type does not exist yet)
        if exc.sqlstate in _NOT_YET:
            return 0, None
        return None, exc.diag.message_primary or str(exc)


def altered_values(conn: Any, table: str, column: str, old: Any, new: Any) -> tuple[int, list[str]]:
    """Values the type change would silently alter: rows that convert but do not come back the same
    (``value IS DISTINCT FROM value::new::old``) — rounding (numeric(10,2) -> numeric(10,0)), lost
    time of day (timestamp -> date), lost precision (double -> real), truncation (an explicit cast to
    varchar(8) cuts longer text before PostgreSQL 16 could say so). Returns the count and up to three
    ``old -> new`` examples; (0, []) when the round trip cannot be written (no cast back)."""
    import psycopg

    if old.type.is_serial or new.type.is_serial:
        return 0, []  # serial <-> integer: the same values
    col = quote_ident(column)
    target = new.type.sql
    source = old.type.sql
    valid = (
        f" AND pg_input_is_valid({col}::text, {quote_literal(target)})"
        if conn.info.server_version >= 160000
        else ""
    )
    where = f"{col} IS NOT NULL{valid} AND {col} IS DISTINCT FROM ({col}::{target})::{source}"
    try:
        with conn.transaction():
            count = _scalar(conn, f"SELECT count(*) FROM {table} WHERE {where}")
            rows = conn.execute(
                f"SELECT {col}::text, ({col}::{target})::text FROM {table} WHERE {where} LIMIT 3"
            ).fetchall()
    except psycopg.Error:
        return 0, []  # some value fails the cast (counted by _failing_cast) or no cast back exists
    return count, [f"{a} -> {b}" for a, b in rows]


def analyze(conn: Any, operations: Sequence[ops.Operation]) -> list[Risk]:
    """Count, on the live data, what each operation would lose or fail on.

    Objects the plan itself creates hold no data yet and are not checked. A check that cannot run is
    reported as such rather than silently passed.
    """
    import psycopg

    risks: list[Risk] = []
    for op in operations:
        try:
            with conn.transaction():
                risks.extend(_analyze_one(conn, op))
        except psycopg.Error as exc:
            message = getattr(exc.diag, "message_primary", None) or str(exc)
            risks.append(
                Risk(WILL_FAIL, op.subject, f"{op.describe()}: could not be checked ({message})", None)
            )
    return risks


def _destroyed_data(conn: Any, op: ops.Operation) -> list[Risk]:
    """Rows and values lost with what the op says it destroys (tables and columns hold counted data)."""
    risks: list[Risk] = []
    for gone in op.destroys():
        if gone.kind is ops.DestroyedKind.TABLE:
            name = qualified_name(gone.schema, gone.name)
            rows = _scalar(conn, f"SELECT count(*) FROM {name}") if _exists(conn, name) else 0
            if rows:
                risks.append(Risk(DATA_LOSS, op.subject, f"drops table {gone.name} with {rows} row(s)", rows))
        elif gone.kind in (ops.DestroyedKind.COLUMN, ops.DestroyedKind.COLUMN_VALUES) and gone.table:
            name = qualified_name(gone.schema, gone.table)
            values = _scalar(conn, f"SELECT count({quote_ident(gone.name)}) FROM {name}")
            if values and gone.kind is ops.DestroyedKind.COLUMN:
                message = f"drops column {gone.table}.{gone.name} holding {values} value(s)"
                risks.append(Risk(DATA_LOSS, op.subject, message, values))
            elif values:
                message = f"replaces {values} value(s) of column {gone.table}.{gone.name} by computed ones"
                risks.append(Risk(DATA_LOSS, op.subject, message, values))
    return risks


def _analyze_one(conn: Any, op: ops.Operation) -> list[Risk]:
    risks = _destroyed_data(conn, op)
    if isinstance(op, ops.AddColumn):
        c = op.column
        if (
            c.not_null
            and c.default is None
            and c.identity is None
            and c.generated is None
            and not c.is_serial
        ):
            name = qualified_name(op.schema, op.table)
            rows = _scalar(conn, f"SELECT count(*) FROM {name}") if _exists(conn, name) else 0
            if rows:
                risks.append(
                    Risk(
                        WILL_FAIL,
                        op.subject,
                        f"adds NOT NULL column {op.table}.{c.name} without a default to {rows} existing row(s)",
                        rows,
                    )
                )
    elif isinstance(op, ops.SetNotNull) and op.not_null:
        name = qualified_name(op.schema, op.table)
        nulls = _scalar(conn, f"SELECT count(*) FROM {name} WHERE {quote_ident(op.column)} IS NULL")
        if nulls:
            risks.append(
                Risk(
                    WILL_FAIL,
                    op.subject,
                    f"sets {op.table}.{op.column} NOT NULL but {nulls} row(s) hold NULL",
                    nulls,
                )
            )
    elif isinstance(op, ops.AddConstraint) and isinstance(op.constraint, UniqueConstraint | PrimaryKey):
        name = qualified_name(op.schema, op.table)
        if op.on_new_table or not _exists(conn, name, op.constraint.columns):
            return risks
        distinct = isinstance(op.constraint, UniqueConstraint) and not op.constraint.nulls_not_distinct
        groups = _duplicates(conn, name, op.constraint.columns, distinct)
        if groups:
            risks.append(
                Risk(
                    WILL_FAIL,
                    op.subject,
                    f"adds {op.constraint.name} on {op.table}({', '.join(op.constraint.columns)}) "
                    f"but {groups} group(s) of duplicate values exist",
                    groups,
                )
            )
    elif isinstance(op, ops.CreateIndex) and op.index.unique:
        name = qualified_name(op.schema, op.table)
        columns = [e.expression for e in op.index.elements if not e.is_expression]
        if columns and len(columns) == len(op.index.elements) and _exists(conn, name, columns):
            groups = _duplicates(conn, name, columns, not op.index.nulls_not_distinct)
            if groups:
                risks.append(
                    Risk(
                        WILL_FAIL,
                        op.subject,
                        f"creates unique index {op.index.name} but {groups} group(s) of duplicate values exist",
                        groups,
                    )
                )
    elif isinstance(op, ops.AlterColumnType):
        name = qualified_name(op.schema, op.table)
        if not _exists(conn, name, [op.old.name]):
            return risks
        failing, error = _failing_cast(conn, name, op.old.name, op.new)
        if failing or error:
            detail = f"{failing} row(s)" if failing is not None else f"existing values ({error})"
            risks.append(
                Risk(
                    WILL_FAIL,
                    op.subject,
                    f"changes {op.table}.{op.old.name} to {op.new.type.spelling} but {detail} do not convert",
                    failing,
                )
            )
        changed, examples = altered_values(conn, name, op.old.name, op.old, op.new)
        if changed:
            risks.append(
                Risk(
                    DATA_LOSS,
                    op.subject,
                    f"changes {op.table}.{op.old.name} to {op.new.type.spelling}: {changed} value(s) would change "
                    f"(e.g. {'; '.join(examples)})",
                    changed,
                )
            )
    elif isinstance(op, ops.RecreateEnum):
        removed = [v for v in op.old.values if v not in op.new.values]
        if not removed:
            return risks
        listed = ", ".join(quote_literal(v) for v in removed)
        for usage in op.usages:
            if usage.dimensions:
                continue  # arrays of the enum: not counted
            name = qualified_name(usage.schema, usage.table)
            rows = _scalar(
                conn, f"SELECT count(*) FROM {name} WHERE {quote_ident(usage.column)}::text IN ({listed})"
            )
            if rows:
                risks.append(
                    Risk(
                        WILL_FAIL,
                        op.subject,
                        f"removes value(s) {listed} from enum {op.old.name} but {rows} row(s) of "
                        f"{usage.table}.{usage.column} use them",
                        rows,
                    )
                )
    return risks
