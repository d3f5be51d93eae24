"""The studio's ASGI application: routes, the connection pool, templates and error pages.

Handlers are plain (synchronous) functions: Starlette runs them in its thread pool, and each borrows a
connection from a small psycopg pool (autocommit; ``default_transaction_read_only`` when read-only).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from pgshift.studio._core import mask_url
from pgshift.studio.errors import StudioError
from pgshift.studio.security import Guard
from pgshift.studio.settings import Settings
from pgshift.studio.structure import human_bytes

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["bytes"] = human_bytes
templates.env.filters["num"] = lambda n: "—" if n is None else f"{n:,}"
templates.env.filters["tojson_attr"] = lambda v: json.dumps(v, separators=(",", ":"))


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@contextmanager
def db(request: Request) -> Iterator[psycopg.Connection[Any]]:
    pool: ConnectionPool = request.app.state.pool
    with pool.connection() as conn:
        yield conn


def db_message(exc: psycopg.Error) -> str:
    diag = exc.diag
    text = (diag.message_primary or str(exc)).strip()
    return mask_url(text)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    settings = settings_of(request)
    base = {
        "settings": settings,
        "database": settings.database_label,
        "read_only": settings.read_only,
        "csrf": settings.csrf,
        "path": request.url.path,
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def error_response(request: Request, status: int, message: str, current: Any = None) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"error": message}
        if current is not None:
            body["current"] = current
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status)


async def studio_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StudioError)
    return error_response(request, exc.status, exc.message, exc.current)


async def database_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, psycopg.Error)
    status = 400 if isinstance(exc, psycopg.errors.DataError | psycopg.errors.ProgrammingError) else 500
    return error_response(request, status, f"database error: {db_message(exc)}")


async def not_found(request: Request, exc: Exception) -> Response:
    return error_response(request, 404, f"no page {request.url.path}")


def create_app(settings: Settings, *, pool: ConnectionPool | None = None) -> Starlette:
    """The application for one run; ``pool`` is made from ``settings.url`` unless given (tests)."""
    from pgshift.studio import api, views

    routes = [
        Route("/", views.home),
        Route("/t/{schema}/{table}", views.table_page),
        Route("/t/{schema}/{table}/row", views.row_page),
        Route("/schema", views.schema_page),
        Route("/schema/{schema}/{table}", views.structure_page),
        Route("/migrations", views.migrations_page),
        Route("/sql", views.sql_page),
        Route("/api/tables", api.tables),
        Route("/api/t/{schema}/{table}/rows", api.rows),
        Route("/api/t/{schema}/{table}/cell", api.cell),
        Route("/api/t/{schema}/{table}/update", api.update, methods=["POST"]),
        Route("/api/t/{schema}/{table}/insert", api.insert, methods=["POST"]),
        Route("/api/t/{schema}/{table}/delete", api.delete, methods=["POST"]),
        Route("/api/sql", api.run_sql, methods=["POST"]),
        Route("/api/migrations", api.migrations),
        Route("/api/migrations/apply", api.apply_migrations, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={StudioError: studio_error, psycopg.Error: database_error, 404: not_found},
    )
    if pool is None:
        pool = make_pool(settings)
    app.state.settings = settings
    app.state.pool = pool
    return Guard(app, settings)  # type: ignore[return-value]


def make_pool(settings: Settings) -> ConnectionPool:
    def configure(conn: psycopg.Connection[Any]) -> None:
        conn.execute(
            "SELECT set_config('statement_timeout', %s, false)", (f"{settings.statement_timeout_ms}ms",)
        )
        if settings.read_only:
            conn.execute("SET default_transaction_read_only = on")

    return ConnectionPool(
        settings.url,
        min_size=1,
        max_size=4,
        kwargs={"autocommit": True, "application_name": "pgshift studio"},
        configure=configure,
        open=True,
        timeout=15,
    )
