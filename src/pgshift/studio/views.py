"""The HTML pages: tables, one table's rows, one row, the schema diagram, a table's structure,
the migrations timeline and the SQL console. Server-rendered; the page's script only adds editing,
keyboard navigation and zoom on top."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from psycopg import sql
from starlette.requests import Request
from starlette.responses import Response

from pgshift.studio import catalog
from pgshift.studio._core import migration_timeline
from pgshift.studio.app import db, render, settings_of
from pgshift.studio.errors import bad_request
from pgshift.studio.grid import (
    OPERATORS,
    OPS_BY_KIND,
    Filter,
    PageRequest,
    decode_cursor,
    parse_size,
    read_page,
)
from pgshift.studio.settings import DEFAULT_PAGE_SIZE


def page_request(request: Request) -> PageRequest:
    """Sort, page, cursors and filters from the query string (``fc``/``fo``/``fv`` repeated per filter)."""
    q = request.query_params
    raw_page = q.get("page", "1")
    last = raw_page == "last"
    try:
        page = 1 if last else int(raw_page)
    except ValueError:
        raise bad_request(f"page {raw_page!r} is not a number") from None
    if page < 1:
        raise bad_request(f"page {page} does not exist: pages start at 1")
    cols, ops, values = q.getlist("fc"), q.getlist("fo"), q.getlist("fv")
    filters = []
    for i, (column, op) in enumerate(zip(cols, ops, strict=False)):
        if not column:
            continue
        if op not in OPERATORS:
            raise bad_request(f"unknown filter operator {op!r}: use one of {', '.join(OPERATORS)}")
        filters.append(Filter(column, op, values[i] if i < len(values) else ""))
    return PageRequest(
        sort=q.get("sort") or None,
        desc=q.get("dir") == "desc",
        page=page,
        size=parse_size(q.get("size"), DEFAULT_PAGE_SIZE),
        after=decode_cursor(q["after"]) if q.get("after") else None,
        before=decode_cursor(q["before"]) if q.get("before") else None,
        last=last,
        filters=tuple(filters),
    )


def link(schema: str, table: str, req: PageRequest, **changes: Any) -> str:
    """The URL of this table view with some parameters changed (page links drop stale cursors)."""
    params: list[tuple[str, str]] = []
    sort = changes.get("sort", req.sort)
    desc = changes.get("desc", req.desc)
    if sort:
        params.append(("sort", sort))
        if desc:
            params.append(("dir", "desc"))
    size = changes.get("size", req.size)
    if size != DEFAULT_PAGE_SIZE:
        params.append(("size", str(size)))
    for f in changes.get("filters", req.filters):
        params += [("fc", f.column), ("fo", f.op), ("fv", f.value or "")]
    page = changes.get("page", 1)
    if page != 1:
        params.append(("page", str(page)))
    for name in ("after", "before"):
        if changes.get(name):
            params.append((name, changes[name]))
    return f"/t/{schema}/{table}" + ("?" + urlencode(params) if params else "")


def _sidebar(conn: Any) -> list[catalog.TableInfo]:
    return catalog.list_tables(conn)


def home(request: Request) -> Response:
    with db(request) as conn:
        tables = catalog.list_tables(conn)
    schemas: dict[str, list[catalog.TableInfo]] = {}
    for t in tables:
        schemas.setdefault(t.schema, []).append(t)
    return render(request, "home.html", {"schemas": schemas, "tables": tables, "title": "Data"})


def table_page(request: Request) -> Response:
    schema, table = request.path_params["schema"], request.path_params["table"]
    req = page_request(request)
    with db(request) as conn:
        meta = catalog.table_meta(conn, schema, table)
        page = read_page(conn, meta, req)
        tables = _sidebar(conn)
    links = {c.name: meta.link_of(c.name) for c in meta.columns}
    return render(
        request,
        "table.html",
        {
            "title": f"{schema}.{table}",
            "meta": meta,
            "page": page,
            "req": req,
            "links": links,
            "tables": tables,
            "operators": OPERATORS,
            "ops_by_kind": OPS_BY_KIND,
            "link": lambda **kw: link(schema, table, req, **kw),
            "filter_link": filter_link,
            "columns_json": json.dumps(
                [
                    {
                        "name": c.name,
                        "type": c.type,
                        "kind": c.kind,
                        "notNull": c.not_null,
                        "default": c.default,
                        "generated": c.generated,
                    }
                    for c in meta.columns
                ]
            ),
        },
    )


def filter_link(schema: str, table: str, pairs: list[tuple[str, str | None]]) -> str:
    filters = tuple(Filter(c, "eq" if v is not None else "null", v) for c, v in pairs)
    return link(schema, table, PageRequest(filters=filters))


def row_page(request: Request) -> Response:
    schema, table = request.path_params["schema"], request.path_params["table"]
    key = {k[2:]: v for k, v in request.query_params.items() if k.startswith("k.")}
    with db(request) as conn:
        meta = catalog.table_meta(conn, schema, table)
        from pgshift.studio.edits import current_row

        row = current_row(conn, meta, key)
        if row is None:
            from pgshift.studio.errors import not_found

            raise not_found(f"no such row in {schema}.{table}")
        referencing = []
        for fk in meta.incoming:
            values = [row.get(c) for c in fk.ref_columns]
            if any(v is None for v in values):
                continue
            casts = [meta.column(c).cast for c in fk.ref_columns]  # type: ignore[union-attr]
            where = sql.SQL(" AND ").join(
                sql.SQL("{} = %s::{}").format(sql.Identifier(c), sql.SQL(cast))
                for c, cast in zip(fk.columns, casts, strict=True)
            )
            found = conn.execute(
                sql.SQL("SELECT count(*) FROM (SELECT 1 FROM {} WHERE {} LIMIT 1001) s").format(
                    sql.Identifier(fk.schema, fk.table), where
                ),
                values,
            ).fetchone()
            count = int(found[0]) if found else 0
            url = filter_link(fk.schema, fk.table, list(zip(fk.columns, values, strict=True)))
            referencing.append((fk, count, url))
        tables = _sidebar(conn)
    return render(
        request,
        "row.html",
        {
            "title": f"{schema}.{table} row",
            "meta": meta,
            "row": row,
            "key": key,
            "referencing": referencing,
            "tables": tables,
            "filter_link": filter_link,
        },
    )


def schema_page(request: Request) -> Response:
    from pgshift.studio.diagram import BOX_W, HEAD_H, LINE_H, build_diagram

    focus = request.query_params.get("focus") or None
    with db(request) as conn:
        diagram = build_diagram(conn, settings_of(request).config.migrations_schema, focus)
    return render(
        request,
        "schema.html",
        {"title": "Schema", "diagram": diagram, "box_w": BOX_W, "head_h": HEAD_H, "line_h": LINE_H},
    )


def structure_page(request: Request) -> Response:
    from pgshift.studio.structure import read_structure

    schema, table = request.path_params["schema"], request.path_params["table"]
    with db(request) as conn:
        meta = catalog.table_meta(conn, schema, table)
        structure = read_structure(conn, meta)
        tables = _sidebar(conn)
    return render(
        request,
        "structure.html",
        {"title": f"{schema}.{table} structure", "meta": meta, "s": structure, "tables": tables},
    )


def migrations_page(request: Request) -> Response:
    settings = settings_of(request)
    with db(request) as conn:
        timeline = migration_timeline(conn, settings.config)
    can_apply = settings.dev_database and not settings.read_only
    return render(
        request,
        "migrations.html",
        {
            "title": "Migrations",
            "timeline": timeline,
            "can_apply": can_apply,
            "folder": str(settings.config.out_dir),
        },
    )


def sql_page(request: Request) -> Response:
    settings = settings_of(request)
    return render(
        request,
        "sql.html",
        {
            "title": "SQL",
            "query": request.query_params.get("q", ""),
            "timeout": settings.statement_timeout_ms,
        },
    )
