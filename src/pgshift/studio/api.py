"""JSON endpoints: what the page's script calls to read full values and to change rows, run SQL and
apply migrations. Every change is refused in read-only mode before anything reaches the database."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pgshift.studio import catalog, console, edits
from pgshift.studio._core import PgshiftError, apply_pending, mask_url, migration_timeline
from pgshift.studio.app import db, settings_of, templates
from pgshift.studio.errors import bad_request, forbidden
from pgshift.studio.grid import read_cell, read_page
from pgshift.studio.views import page_request

MAX_BODY = 1_000_000


def _refuse_writes(request: Request, what: str) -> None:
    settings = settings_of(request)
    if settings.read_only:
        reason = f" ({settings.read_only_reason})" if settings.read_only_reason else ""
        raise forbidden(f"read-only studio{reason}: {what} refused")


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise bad_request("request body too large")
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        raise bad_request("the request body must be JSON") from None
    if not isinstance(data, dict):
        raise bad_request("the request body must be a JSON object")
    return data


def _ref(item: Any) -> edits.RowRef:
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("key"), dict)
        or not isinstance(item.get("version"), str)
    ):
        raise bad_request('a row is {"key": {column: value}, "version": "..."}')
    return edits.RowRef({str(k): v for k, v in item["key"].items()}, item["version"])


def tables(request: Request) -> Response:
    with db(request) as conn:
        found = catalog.list_tables(conn)
    return JSONResponse({"tables": [dataclasses.asdict(t) for t in found]})


def rows(request: Request) -> Response:
    schema, table = request.path_params["schema"], request.path_params["table"]
    req = page_request(request)
    with db(request) as conn:
        meta = catalog.table_meta(conn, schema, table)
        page = read_page(conn, meta, req)
    body = {
        "columns": [{"name": c.name, "type": c.type, "kind": c.kind} for c in meta.columns],
        "primary_key": list(meta.primary_key),
        "rows": [
            {
                "key": r.key,
                "version": r.version,
                "values": [c.text for c in r.cells],
                "truncated": [c.truncated for c in r.cells],
            }
            for r in page.rows
        ],
        "page": page.page,
        "has_next": page.has_next,
        "has_prev": page.has_prev,
        "next_cursor": page.next_cursor,
        "prev_cursor": page.prev_cursor,
        "total": page.total,
        "total_exact": page.total_exact,
        "keyset": page.keyset,
        "server_ms": round(page.server_ms, 2),
    }
    return JSONResponse(body, headers={"server-timing": f"db;dur={page.server_ms:.2f}"})


def cell(request: Request) -> Response:
    schema, table = request.path_params["schema"], request.path_params["table"]
    column = request.query_params.get("col", "")
    key = {k[2:]: v for k, v in request.query_params.items() if k.startswith("k.")}
    with db(request) as conn:
        meta = catalog.table_meta(conn, schema, table)
        value = read_cell(conn, meta, key, column)
    return JSONResponse({"value": value})


def _outcome(outcome: edits.Outcome) -> Response:
    return JSONResponse(
        {
            "sql": outcome.sql,
            "applied": outcome.applied,
            "rows": outcome.rows,
            "key": outcome.key,
            "version": outcome.version,
        }
    )


async def update(request: Request) -> Response:
    data = await _body(request)
    _refuse_writes(request, "editing a row")
    ref = _ref(data)
    column = data.get("column")
    if not isinstance(column, str):
        raise bad_request("name the column to change")
    if "value" not in data:
        raise bad_request("give the new value (null for NULL)")
    return await _run(request, lambda meta: ([edits.update_statement(meta, ref, column, data["value"])], [ref]),
                      bool(data.get("preview")))  # fmt: skip


async def insert(request: Request) -> Response:
    data = await _body(request)
    _refuse_writes(request, "inserting a row")
    values = data.get("values", {})
    if not isinstance(values, dict):
        raise bad_request('values is {"column": "text or null"}')
    return await _run(
        request, lambda meta: ([edits.insert_statement(meta, values)], []), bool(data.get("preview"))
    )


async def delete(request: Request) -> Response:
    data = await _body(request)
    _refuse_writes(request, "deleting rows")
    items = data.get("rows")
    if not isinstance(items, list):
        raise bad_request('rows is a list of {"key": ..., "version": ...}')
    refs = [_ref(item) for item in items]
    return await _run(
        request, lambda meta: (edits.delete_statements(meta, refs), refs), bool(data.get("preview"))
    )


async def _run(request: Request, build: Any, preview: bool) -> Response:
    from starlette.concurrency import run_in_threadpool

    schema, table = request.path_params["schema"], request.path_params["table"]

    def work() -> edits.Outcome:
        with db(request) as conn:
            meta = catalog.table_meta(conn, schema, table)
            statements, refs = build(meta)
            return edits.apply(conn, meta, statements, refs, dry_run=preview)

    return _outcome(await run_in_threadpool(work))


async def run_sql(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    data = await _body(request)
    settings = settings_of(request)
    text = data.get("sql")
    mode = data.get("mode", "run")
    write = bool(data.get("write"))
    if not isinstance(text, str):
        raise bad_request("give the statement to run as sql")
    if mode not in ("run", "explain", "analyze"):
        raise bad_request("mode is run, explain or analyze")
    if write:
        _refuse_writes(request, "writing from the console")
    result = await run_in_threadpool(
        console.run, settings.url, text, mode=mode, write=write, timeout_ms=settings.statement_timeout_ms
    )
    if result.error:
        result = dataclasses.replace(result, error=mask_url(result.error))
    html = templates.get_template("_sql_result.html").render(result=result)
    body = {
        "columns": list(result.columns),
        "rows": [list(r) for r in result.rows],
        "row_count": result.row_count,
        "truncated": result.truncated,
        "status": result.status,
        "error": result.error,
        "ms": round(result.ms, 2),
        "plan": dataclasses.asdict(result.plan) if result.plan else None,
        "html": html,
    }
    return JSONResponse(body, status_code=400 if result.error else 200)


def migrations(request: Request) -> Response:
    settings = settings_of(request)
    with db(request) as conn:
        timeline = migration_timeline(conn, settings.config)
    return JSONResponse(dataclasses.asdict(timeline) | {"pending": timeline.pending})


async def apply_migrations(request: Request) -> Response:
    """Apply every pending migration — on the development database only, and only the ones shown."""
    from starlette.concurrency import run_in_threadpool

    data = await _body(request)
    settings = settings_of(request)
    _refuse_writes(request, "applying migrations")
    if not settings.dev_database:
        raise forbidden(
            "migrations are applied from the studio on the development database only: use `pgshift migrate`"
        )
    expect = data.get("expect")
    if not isinstance(expect, list) or not expect:
        raise bad_request("confirm by listing the pending migrations to apply (expect)")

    def work() -> list[tuple[str, int]]:
        with db(request) as conn:
            pending = migration_timeline(conn, settings.config).pending
        if pending != expect:
            raise bad_request(
                "the pending migrations changed since the page was loaded: reload and confirm again"
            )
        try:
            return apply_pending(settings.url, settings.config)
        except PgshiftError as exc:
            raise bad_request(mask_url(str(exc))) from None

    applied = await run_in_threadpool(work)
    return JSONResponse({"applied": [{"tag": t, "duration_ms": ms} for t, ms in applied]})
