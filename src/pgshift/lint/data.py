"""Data-aware findings (``pgshift check --db``): rate lock findings by the size of their table.

An index build on a 10-row table is harmless; on 10 million rows it blocks writes for minutes. Sizes
come from pg_class.reltuples, replaced by an exact count(*) for tables under ``EXACT_BELOW`` rows
(cheap, and reltuples is -1 or stale on freshly loaded tables). ``SET NOT NULL`` also reports how many
NULLs exist (exact for small tables, from pg_stats.null_frac for large ones).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pgshift.catalog import load
from pgshift.lint.finding import Finding

EXACT_BELOW = 10_000
SMALL = 10_000  # below: lock findings are info
LARGE = 1_000_000  # from here: lock findings are errors

SIZE_SENSITIVE = frozenset(
    {
        "index-not-concurrent",
        "drop-index-not-concurrent",
        "set-not-null",
        "column-type-rewrite",
        "add-column-volatile-default",
        "fk-without-not-valid",
        "check-without-not-valid",
        "unique-without-using-index",
        "validate-same-transaction",
        "update-without-where",
        "add-column-not-null-no-default",
    }
)


def _split(name: str) -> tuple[str, str]:
    schema, _, table = name.partition(".")
    return schema, table


def table_sizes(conn: Any, names: set[str]) -> dict[str, int]:
    """Rows per existing table (exact below EXACT_BELOW); tables not in the database are absent."""
    from psycopg import sql

    if not names:
        return {}
    rows = conn.execute(load("lint_table_sizes"), {"names": sorted(names)}).fetchall()
    sizes = {}
    for name, estimate in rows:
        if estimate is None or estimate < EXACT_BELOW:
            schema, table = _split(name)
            query = sql.SQL("SELECT count(*) FROM (SELECT 1 FROM {} LIMIT %s) AS t").format(
                sql.Identifier(schema, table)
            )
            estimate = conn.execute(query, (EXACT_BELOW,)).fetchone()[0]
        sizes[name] = int(estimate)
    return sizes


def null_count(conn: Any, table: str, column: str, rows: int) -> int:
    """NULLs in ``table.column``: counted when small, estimated from statistics when large."""
    from psycopg import sql

    schema, name = _split(table)
    if rows < EXACT_BELOW:
        query = sql.SQL("SELECT count(*) FROM {} WHERE {} IS NULL").format(
            sql.Identifier(schema, name), sql.Identifier(column)
        )
        return int(conn.execute(query).fetchone()[0])
    row = conn.execute(
        load("lint_null_fraction"), {"schema": schema, "table": name, "column": column}
    ).fetchone()
    return round((row[0] or 0) * rows) if row else 0


def apply_table_sizes(findings: list[Finding], conn: Any) -> list[Finding]:
    """Findings re-rated by table size; tables missing from the database keep their rating."""
    indexes = sorted({f.index for f in findings if f.index and not f.table})
    if indexes:
        owners = dict(conn.execute(load("lint_index_tables"), {"names": indexes}).fetchall())
        findings = [replace(f, table=owners.get(f.index)) if f.index and not f.table else f for f in findings]
    wanted = {f.table for f in findings if f.table and f.rule in SIZE_SENSITIVE}
    sizes = table_sizes(conn, wanted)
    out = []
    for f in findings:
        rows = sizes.get(f.table or "")
        if f.rule not in SIZE_SENSITIVE or rows is None or f.severity == "off":
            out.append(f)
            continue
        note = f"{f.table} has {'~' if rows >= EXACT_BELOW else ''}{rows:,} rows"
        severity = "info" if rows < SMALL else "error" if rows >= LARGE else f.severity
        if f.rule == "add-column-not-null-no-default":
            severity = "error" if rows else "info"  # only an empty table accepts it
        if f.rule == "set-not-null" and f.column_name:
            nulls = null_count(conn, f.table or "", f.column_name, rows)
            note += f"; {nulls:,} NULLs in {f.column_name}" if nulls else f"; no NULLs in {f.column_name}"
            if nulls:
                severity = "error"
                note += ": SET NOT NULL will fail"
        out.append(replace(f, severity=severity, message=f"{f.message} ({note})"))
    return out
