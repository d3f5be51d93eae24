"""The Python API: ``pgshift.migrate(...)`` at application start-up.

Same engine, lock and rules as ``pgshift migrate``: every replica of an app can call it at boot; one
applies the pending migrations, the others wait for the lock and find nothing to do. When nothing is
pending it costs a connection and one query (no lock is taken). It never imports SQLAlchemy (nor rich,
nor click), so it adds nothing to an application's start-up but psycopg (and the SQL parser, once
something is pending).

    import pgshift
    result = pgshift.migrate(os.environ["DATABASE_URL"], "drizzle")
    print(result.applied_tags)
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from pgshift.api._common import ConfigLike, as_config, require_url
from pgshift.errors import PgshiftError
from pgshift.runner.options import run_options, tracking_table
from pgshift.runner.results import Applied, MigrateResult, MigrationError, Reporter
from pgshift.urls import mask_url

if TYPE_CHECKING:
    from pgshift.runner.lock import LockHolder
    from pgshift.runner.txmode import TxMode

__all__ = [
    "Applied",
    "MigrateResult",
    "MigrationError",
    "PgshiftError",
    "migrate",
]

log = logging.getLogger("pgshift")


class _LogReporter(Reporter):
    """Progress to the ``pgshift`` logger (INFO), so an app's logging config decides where it goes."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger

    def lock_waiting(self, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another session"
        self.logger.info("pgshift: waiting for the migration lock held by %s", mask_url(who))

    def migration_started(self, tag: str, mode: TxMode) -> None:
        self.logger.info("pgshift: applying %s%s", tag, "" if mode.transactional else f" ({mode.reason})")

    def migration_finished(self, tag: str, duration_ms: int) -> None:
        self.logger.info("pgshift: applied %s in %d ms", tag, duration_ms)

    def retrying(self, tag: str, attempt: int, delay: float, message: str) -> None:
        self.logger.warning(
            "pgshift: %s hit lock_timeout (%s); retry %d in %.1fs", tag, mask_url(message), attempt, delay
        )

    def warning(self, message: str) -> None:
        self.logger.warning("pgshift: %s", mask_url(message))

    def info(self, message: str) -> None:
        self.logger.info("pgshift: %s", mask_url(message))


def migrate(
    url: str | None = None,
    folder: str | Path | None = None,
    *,
    config: ConfigLike = None,
    lock_wait: float | None = 300.0,
    to: str | None = None,
    lock_timeout: str | None = None,
    statement_timeout: str | None = None,
    retries: int | None = None,
    single_transaction: bool = False,
    allow_modified: bool = False,
    strict_order: bool = False,
    dry_run: bool = False,
    logger: logging.Logger | None = None,
    reporter: Reporter | None = None,
) -> MigrateResult:
    """Apply pending migrations; returns what was applied. Raises PgshiftError (MigrationError, ...).

    ``url`` defaults to the config's ``url`` then $DATABASE_URL (never the embedded dev database: at
    start-up a missing URL is a deployment error); every URL form is accepted (``postgres://``,
    ``postgresql+psycopg://``, key=value). ``folder`` defaults to the config's ``out``.
    ``config`` is a Config, a path to pgshift.toml / pyproject.toml, or None for the nearest one.
    ``lock_wait`` bounds the wait for another instance holding the lock (None: wait forever).
    Progress goes to ``reporter`` if given, else to ``logger`` (default: the ``pgshift`` logger).
    """
    cfg = as_config(config)
    target_url = require_url(url, cfg, "migrate")
    if folder is not None:
        target = Path(folder).resolve()
        if not target.is_dir():
            raise PgshiftError(
                f"migration folder {target} does not exist", hint="pass folder=... or set `out`"
            )
    else:
        target = cfg.out_dir
    options = run_options(
        cfg,
        lock_wait=lock_wait,
        lock_timeout=lock_timeout,
        statement_timeout=statement_timeout,
        retries=retries,
        single_transaction=single_transaction,
        to=to,
        allow_modified=allow_modified,
        strict_order=strict_order,
        dry_run=dry_run,
    )
    from pgshift.runner import run as runner

    return runner.migrate(
        target_url, target, tracking_table(cfg), options, reporter or _LogReporter(logger or log)
    )
