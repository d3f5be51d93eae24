"""The run knobs and the tracking table, built from a Config in one place.

migrate, rollback, baseline, status, ``check --db`` and the Python API all ask here, so a config key
(``lock_timeout``, ``lock_retries``, ``migrations_schema``, ...) means the same thing to every one of
them and a new knob is added once.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.config import Config
from pgshift.runner.tracking import TrackingTable

DEFAULT_LOCK_WAIT = 300.0  # seconds to wait for another runner holding the migration lock


@dataclass(frozen=True)
class RunOptions:
    """Knobs shared by migrate and rollback (config values unless flags override them).

    Lock etiquette: each DDL statement waits at most ``lock_timeout`` for its table lock, so the
    writers queued behind it wait at most that long too; then it gives up, waits a backoff with
    jitter, and tries again, ``retries`` more times but never beyond ``retry_budget`` seconds of
    backing off in total.
    """

    lock_wait: float | None = DEFAULT_LOCK_WAIT  # seconds to wait for another runner; None = forever
    lock_timeout: str | None = "1s"
    statement_timeout: str | None = None
    retries: int = 10  # extra attempts after a lock timeout (SQLSTATE 55P03)
    retry_base: float = 0.5  # seconds; doubles each attempt, with jitter
    retry_max_delay: float = 10.0  # no single backoff is longer than this
    retry_budget: float = 120.0  # total seconds of backoff per statement group
    single_transaction: bool = False
    to: str | None = None
    allow_modified: bool = False
    strict_order: bool = False
    dry_run: bool = False


def tracking_table(config: Config) -> TrackingTable:
    """Where this project records applied migrations (config ``migrations_schema``/``migrations_table``)."""
    return TrackingTable(config.migrations_schema, config.migrations_table)


def run_options(
    config: Config,
    *,
    lock_wait: float | None = DEFAULT_LOCK_WAIT,
    lock_timeout: str | None = None,
    statement_timeout: str | None = None,
    retries: int | None = None,
    single_transaction: bool = False,
    to: str | None = None,
    allow_modified: bool = False,
    strict_order: bool = False,
    dry_run: bool = False,
) -> RunOptions:
    """RunOptions from the config, with flag values (None: unset) taking precedence."""
    return RunOptions(
        lock_wait=lock_wait,
        lock_timeout=lock_timeout or config.lock_timeout,
        statement_timeout=statement_timeout or config.statement_timeout,
        retries=config.lock_retries if retries is None else retries,
        single_transaction=single_transaction,
        to=to,
        allow_modified=allow_modified,
        strict_order=strict_order,
        dry_run=dry_run,
    )
