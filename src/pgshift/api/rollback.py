"""``rollback``: run down migrations to undo the newest applied ones."""

from __future__ import annotations

import logging
from collections.abc import Callable

from pgshift.api._common import ConfigLike, as_config, require_url
from pgshift.errors import PgshiftError
from pgshift.runner.options import run_options, tracking_table
from pgshift.runner.results import Reporter
from pgshift.runner.rollback import RollbackResult, RollbackStep


def rollback(
    url: str | None = None,
    *,
    config: ConfigLike = None,
    steps: int | None = None,
    to: str | None = None,
    confirm: Callable[[list[RollbackStep]], bool] | None = None,
    dry_run: bool = False,
    lock_wait: float | None = 300.0,
    lock_timeout: str | None = None,
    statement_timeout: str | None = None,
    retries: int | None = None,
    reporter: Reporter | None = None,
    logger: logging.Logger | None = None,
) -> RollbackResult:
    """Undo the newest applied migration (``steps`` of them, or everything after ``to``).

    ``confirm`` sees the planned steps with what each destroys (tables and columns with their row
    counts) and returns whether to go on; without it the rollback runs. Raises PgshiftError when a
    chosen migration has no down file or is marked irreversible (before anything runs).
    """
    from pgshift.api.migrate import _LogReporter, log
    from pgshift.runner import rollback as runner

    if steps is not None and to is not None:
        raise PgshiftError("use either --steps or --to, not both")
    cfg = as_config(config)
    target = require_url(url, cfg, "rollback")
    options = run_options(
        cfg,
        lock_wait=lock_wait,
        lock_timeout=lock_timeout,
        statement_timeout=statement_timeout,
        retries=retries,
        dry_run=dry_run,
    )
    return runner.rollback(
        target,
        cfg.out_dir,
        tracking_table(cfg),
        steps=steps,
        to=to,
        options=options,
        confirm=confirm,
        reporter=reporter or _LogReporter(logger or log),
    )
