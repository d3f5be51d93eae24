"""Apply pending migrations when the application starts, with ``pgshift.migrate``.

Every replica of the app may run this at boot: pgshift's advisory lock lets exactly one apply the
pending migrations while the others wait, then find nothing to do. When nothing is pending the
cost is a connection, the lock round trip and one query; SQLAlchemy is never imported.

With FastAPI installed (optional; ``pip install fastapi uvicorn``)::

    DATABASE_URL=postgresql://... uvicorn examples.fastapi_startup:app

Without FastAPI, running the file does the same start-up step and prints what happened::

    DATABASE_URL=postgresql://... python examples/fastapi_startup.py [MIGRATION_FOLDER]

The folder defaults to ``$PGSHIFT_MIGRATIONS`` or ``./drizzle``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

import pgshift
from pgshift.errors import PgshiftError

log = logging.getLogger("app")


def run_migrations(folder: str | Path | None = None) -> pgshift.api.MigrateResult:  # type: ignore[name-defined]
    """The start-up step: apply what is pending, wait at most 60 s for another replica doing it."""
    folder = folder or os.environ.get("PGSHIFT_MIGRATIONS", "drizzle")
    result = pgshift.migrate(os.environ.get("DATABASE_URL"), folder, lock_wait=60)
    if result.applied:
        log.info("applied %s", ", ".join(f"{a.tag} ({a.duration_ms} ms)" for a in result.applied))
    else:
        log.info("database schema up to date (%d migrations)", len(result.skipped))
    return result


try:
    from fastapi import FastAPI
except ImportError:  # FastAPI is optional for this example
    FastAPI = None  # type: ignore[assignment,misc]

if FastAPI is not None:

    @contextlib.asynccontextmanager
    async def lifespan(_app):  # type: ignore[no-untyped-def]
        # A failed migration raises PgshiftError: the app does not start serving on a wrong schema.
        run_migrations()
        yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        result = run_migrations(sys.argv[1] if len(sys.argv) > 1 else None)
    except PgshiftError as exc:
        print(f"start-up aborted: {exc}", file=sys.stderr)
        return 2
    print(f"applied: {result.applied_tags or 'nothing'}; already applied: {len(result.skipped)}")
    print("sqlalchemy imported:", "sqlalchemy" in sys.modules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
