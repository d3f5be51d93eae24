"""``pgshift migrate``: apply pending migrations, each once, under a lock.

Also holds what rollback and baseline share with it (the tracking table from config, the run knobs,
the progress printer), so that the three commands behave the same way.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pgshift.commands._common import config_options, database_options, err, relpath
from pgshift.config import Config, Environment
from pgshift.errors import PgshiftError


def tracking_table(config: Config):  # type: ignore[no-untyped-def]
    from pgshift.runner.tracking import TrackingTable

    return TrackingTable(config.migrations_schema, config.migrations_table)


def run_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--lock-wait, --lock-timeout, --statement-timeout, --retries, --dry-run, --json."""

    @click.option(
        "--lock-wait",
        type=float,
        metavar="SECONDS",
        default=300.0,
        show_default=True,
        help="Seconds to wait for another runner holding the migration lock (then exit 2 naming it).",
    )
    @click.option(
        "--lock-timeout",
        metavar="DURATION",
        help='Per-statement lock wait, e.g. "5s" (default: config lock_timeout).',
    )
    @click.option(
        "--statement-timeout",
        metavar="DURATION",
        help='Per-statement time limit, e.g. "10min" (default: none).',
    )
    @click.option(
        "--retries",
        type=click.IntRange(min=0),
        metavar="N",
        help="Retries after a lock timeout (default: config lock_retries).",
    )
    @click.option(
        "--dry-run", is_flag=True, help="Print exactly what would run, with BEGIN/COMMIT; change nothing."
    )
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable result on stdout.")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def build_options(config: Config, **flags: Any):  # type: ignore[no-untyped-def]
    from pgshift.runner.run import RunOptions

    return RunOptions(
        lock_wait=flags.get("lock_wait"),
        lock_timeout=flags.get("lock_timeout") or config.lock_timeout,
        statement_timeout=flags.get("statement_timeout") or config.statement_timeout,
        retries=config.lock_retries if flags.get("retries") is None else flags["retries"],
        single_transaction=bool(flags.get("single_transaction")),
        to=flags.get("to"),
        allow_modified=bool(flags.get("allow_modified")),
        strict_order=bool(flags.get("strict_order")),
        dry_run=bool(flags.get("dry_run")),
    )


def require_yes(environment: Environment | None, yes: bool, action: str) -> None:
    if environment is not None and environment.protected and not yes:
        raise PgshiftError(
            f"environment {environment.name!r} is protected: {action} needs --yes",
            hint="re-run with --yes once you have reviewed what will run (try --dry-run first)",
        )


def make_reporter(quiet: bool = False):  # type: ignore[no-untyped-def]
    """Progress on stderr with rich: each migration's name as it starts, then its duration."""
    from pgshift.runner.lock import LockHolder
    from pgshift.runner.run import Reporter
    from pgshift.runner.txmode import TxMode
    from pgshift.urls import mask_url

    class _Console:
        """rich's stderr console, imported on the first line printed (a no-op run prints none)."""

        rich: Any = None

        def print(self, text: str) -> None:
            if self.rich is None:
                from pgshift.commands._common import stderr_console

                self.rich = stderr_console()
            self.rich.print(text)

    console = _Console()

    class RichReporter(Reporter):
        def lock_waiting(self, holder: LockHolder | None) -> None:
            who = holder.describe() if holder else "another session"
            console.print(f"[yellow]waiting for the migration lock held by {mask_url(who)}[/]")

        def migration_started(self, tag: str, mode: TxMode) -> None:
            if not quiet:
                how = "" if mode.transactional else f" [dim](no transaction: {mode.reason})[/]"
                console.print(f"→ {tag}{how}")

        def migration_finished(self, tag: str, duration_ms: int) -> None:
            if not quiet:
                console.print(f"[green]✓[/] {tag} [dim]{duration_ms} ms[/]")

        def retrying(self, tag: str, attempt: int, delay: float, message: str) -> None:
            console.print(
                f"[yellow]{tag}: lock timeout ({message.splitlines()[0]}); retry {attempt} in {delay:.1f}s[/]"
            )

        def warning(self, message: str) -> None:
            console.print(f"[yellow]warning:[/] {mask_url(message)}")

        def info(self, message: str) -> None:
            console.print(mask_url(message))

    return RichReporter()


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str))


def json_errors(as_json: bool, call: Callable[[], Any]) -> Any:
    """Run ``call``; with --json, failures are also written to stdout as {"ok": false, ...}."""
    try:
        return call()
    except PgshiftError as exc:
        if as_json:
            data = (
                exc.to_json()
                if hasattr(exc, "to_json")
                else {"error": exc.message, "where": exc.where, "hint": exc.hint}
            )
            print_json({"ok": False, **data})
        raise


@click.command("migrate")
@click.option("--to", "to", metavar="TAG", help="Stop after this migration.")
@click.option("--single-transaction", is_flag=True, help="Run all pending migrations in one transaction.")
@click.option("--allow-modified", is_flag=True, help="Run even if applied files changed or are missing.")
@click.option("--strict-order", is_flag=True, help="Refuse a pending migration ordered before applied ones.")
@click.option("--backup", type=click.Path(dir_okay=False), help="pg_dump -Fc the database to FILE first.")
@click.option("--yes", is_flag=True, help="Confirm running against a protected environment.")
@run_options
@config_options
@database_options
def command(
    config: Config,
    url: str,
    environment: Environment | None,
    to: str | None,
    single_transaction: bool,
    allow_modified: bool,
    strict_order: bool,
    backup: str | None,
    yes: bool,
    dry_run: bool,
    as_json: bool,
    **flags: Any,
) -> int:
    """Apply pending migrations, each exactly once, under an advisory lock.

    Each migration runs in its own transaction, except migrations holding statements that cannot
    (CREATE INDEX CONCURRENTLY, VACUUM, ...): those run statement by statement. A header line
    `-- pgshift:transaction off` (or `on`) decides explicitly. Refuses to run when an applied file
    changed or disappeared. Exit 0 on success, 2 on error.
    """
    from pgshift.runner import run as runner

    if not dry_run:
        require_yes(environment, yes, "migrate")
    options = build_options(
        config,
        to=to,
        single_transaction=single_transaction,
        allow_modified=allow_modified,
        strict_order=strict_order,
        dry_run=dry_run,
        **flags,
    )
    if backup and not dry_run:
        from pgshift.runner.backup import backup as take_backup

        target = json_errors(as_json, lambda: take_backup(url, Path(backup)))
        err(f"backup written to {relpath(target)} (pg_dump -Fc)")
    reporter = make_reporter()
    result = json_errors(
        as_json, lambda: runner.migrate(url, config.out_dir, tracking_table(config), options, reporter)
    )
    if as_json:
        print_json({"ok": True, **result.to_json()})
    if dry_run:
        if not as_json:
            click.echo(result.dry_run_sql, nl=False)
        return 0
    total = sum(a.duration_ms for a in result.applied)
    if result.applied:
        err(
            f"applied {len(result.applied)} migration(s) in {total} ms"
            + (f"; {len(result.skipped)} were already applied" if result.skipped else "")
        )
    else:
        err(f"nothing to migrate: {len(result.skipped)} migration(s) already applied")
    if result.remaining:
        err(f"left pending after --to {to}: {', '.join(result.remaining)}")
    return 0
