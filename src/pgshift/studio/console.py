"""The SQL console: run one statement, or EXPLAIN it as a plan tree.

Each run gets a connection of its own, closed afterwards, so nothing a statement changes in the session
(``SET``, temporary tables, an open transaction) leaks into the studio's pool. The statement runs inside
a transaction that is READ ONLY unless writes were asked for (and the studio is not read-only), with a
``statement_timeout``; EXPLAIN ANALYZE always rolls back what it executed.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg

from pgshift.studio._core import statement_kinds

MAX_ROWS = 1000
CELL_LIMIT = 500


@dataclass(frozen=True)
class PlanNode:
    """One node of an EXPLAIN plan, with the figures people look at first."""

    title: str  # "Index Scan using users_pkey on users"
    details: tuple[str, ...]  # "Index Cond: (id = 42)", "Filter: ..."
    estimate: str  # "cost 0.43..8.45, 1 row"
    actual: str | None  # "0.021 ms, 1 row, 1 loop" with ANALYZE
    children: tuple[PlanNode, ...] = ()


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    row_count: int | None = None
    truncated: bool = False
    status: str = ""
    ms: float = 0.0
    plan: PlanNode | None = None
    planning_ms: float | None = None
    execution_ms: float | None = None
    error: str | None = None
    notices: list[str] = field(default_factory=list)


def display(value: Any) -> str | None:
    """A Python value from psycopg as people read it (None stays None: the page shows NULL)."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=str)
    elif isinstance(value, bytes | memoryview):
        text = "\\x" + bytes(value).hex()
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, decimal.Decimal | uuid.UUID):
        text = str(value)
    else:
        text = str(value)
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT] + "…"


def _plan_node(node: dict[str, Any]) -> PlanNode:
    kind = node.get("Node Type", "?")
    title = kind
    if node.get("Index Name"):
        title += f" using {node['Index Name']}"
    if node.get("Relation Name"):
        relation = node["Relation Name"]
        if node.get("Alias") and node["Alias"] != relation:
            relation += f" {node['Alias']}"
        title += f" on {relation}"
    details = []
    for key in ("Join Type", "Strategy", "Sort Key", "Group Key", "Hash Cond", "Merge Cond", "Index Cond",
                "Recheck Cond", "Join Filter", "Filter", "Rows Removed by Filter", "Sort Method",
                "Heap Fetches", "Workers Launched"):  # fmt: skip
        if key in node:
            value = node[key]
            details.append(f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}")
    rows = node.get("Plan Rows")
    estimate = f"cost {node.get('Startup Cost', 0)}..{node.get('Total Cost', 0)}, {rows} row{'s' if rows != 1 else ''}"
    actual = None
    if "Actual Total Time" in node:
        loops = node.get("Actual Loops", 1)
        arows = node.get("Actual Rows", 0)
        actual = f"{node['Actual Total Time']} ms, {arows} row{'s' if arows != 1 else ''}, {loops} loop{'s' if loops != 1 else ''}"
    children = tuple(_plan_node(child) for child in node.get("Plans", ()))
    return PlanNode(title, tuple(details), estimate, actual, children)


def _refusal(text: str) -> str | None:
    """One statement at a time, and no transaction control: the console owns the transaction."""
    kinds = statement_kinds(text)
    if isinstance(kinds, str):
        return kinds
    if len(kinds) != 1:
        return f"run one statement at a time (found {len(kinds)})"
    if kinds[0] == "transaction_stmt":
        return "BEGIN, COMMIT and ROLLBACK are not needed: each run is one transaction (tick “allow writes” to commit)"
    return None


def run(url: str, text: str, *, mode: str, write: bool, timeout_ms: int) -> Result:
    """Run ``text`` (one statement): ``mode`` is run, explain or analyze."""
    if not text.strip():
        return Result(error="nothing to run: type a statement")
    refused = _refusal(text)
    if refused:
        return Result(error=refused)
    started = time.perf_counter()
    # Unless writes are allowed, every transaction of this session is read-only (not only ours).
    options = "" if write else "-c default_transaction_read_only=on"
    try:
        conn = psycopg.connect(
            url,
            autocommit=False,
            application_name="pgshift studio console",
            connect_timeout=10,
            options=options,
        )
    except psycopg.Error as exc:
        return Result(error=f"cannot connect: {type(exc).__name__}")
    notices: list[str] = []
    conn.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
    try:
        conn.read_only = not write
        conn.execute("SELECT set_config('statement_timeout', %s, true)", (f"{int(timeout_ms)}ms",))
        if mode in ("explain", "analyze"):
            options = "FORMAT JSON, ANALYZE, BUFFERS" if mode == "analyze" else "FORMAT JSON"
            cur = conn.execute(f"EXPLAIN ({options}) {text}")  # the statement is the user's own SQL
            found = cur.fetchone()
            doc = found[0] if found else []
            data = doc if isinstance(doc, list) else json.loads(doc)
            top = data[0]
            conn.rollback()
            return Result(
                plan=_plan_node(top["Plan"]),
                planning_ms=top.get("Planning Time"),
                execution_ms=top.get("Execution Time"),
                ms=(time.perf_counter() - started) * 1000,
                notices=notices,
            )
        cur = conn.execute(text)
        columns = tuple(d.name for d in cur.description or ())
        rows: list[tuple[str | None, ...]] = []
        truncated = False
        if cur.description is not None:
            fetched = cur.fetchmany(MAX_ROWS + 1)
            truncated = len(fetched) > MAX_ROWS
            rows = [tuple(display(v) for v in r) for r in fetched[:MAX_ROWS]]
        status = cur.statusmessage or ""
        row_count = cur.rowcount if cur.rowcount >= 0 else len(rows)
        if write:
            conn.commit()
        else:
            conn.rollback()
        return Result(columns, tuple(rows), row_count, truncated, status,
                      (time.perf_counter() - started) * 1000, notices=notices)  # fmt: skip
    except psycopg.Error as exc:
        diag = exc.diag
        message = (diag.message_primary or str(exc)).strip()
        if diag.sqlstate == "25006":
            message += " — the console is read-only: tick “allow writes” (not available in read-only mode)"
        elif diag.sqlstate == "57014":
            message += f" (statement_timeout is {timeout_ms} ms)"
        if diag.message_hint:
            message += f"\nhint: {diag.message_hint}"
        return Result(error=message, ms=(time.perf_counter() - started) * 1000, notices=notices)
    finally:
        conn.close()
