"""What migrate, rollback, baseline and status share on the command line: the run flags, the
protected-environment guard, the progress printer and JSON output (the logic is in ``pgshift.api``)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pgshift.config import Environment
from pgshift.errors import PgshiftError

if TYPE_CHECKING:
    from pgshift.runner.lock import LockHolder
    from pgshift.runner.results import Reporter
    from pgshift.runner.txmode import TxMode

T = TypeVar("T")


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


def require_yes(environment: Environment | None, yes: bool, action: str) -> None:
    if environment is not None and environment.protected and not yes:
        raise PgshiftError(
            f"environment {environment.name!r} is protected: {action} needs --yes",
            hint="re-run with --yes once you have reviewed what will run (try --dry-run first)",
        )


def make_reporter(quiet: bool = False, arrow: str = "→") -> Reporter:
    """Progress on stderr with rich: each migration's name as it starts (after ``arrow``), then its duration."""
    from pgshift.runner.results import Reporter
    from pgshift.urls import mask_secrets

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
            console.print(f"[yellow]waiting for the migration lock held by {mask_secrets(who)}[/]")

        def migration_started(self, tag: str, mode: TxMode) -> None:
            if not quiet:
                how = "" if mode.transactional else f" [dim](no transaction: {mode.reason})[/]"
                console.print(f"{arrow} {tag}{how}")

        def migration_finished(self, tag: str, duration_ms: int) -> None:
            if not quiet:
                console.print(f"[green]✓[/] {tag} [dim]{duration_ms} ms[/]")

        def retrying(self, tag: str, attempt: int, delay: float, message: str) -> None:
            first = mask_secrets(message.splitlines()[0])
            console.print(f"[yellow]{tag}: lock timeout ({first}); retry {attempt} in {delay:.1f}s[/]")

        def warning(self, message: str) -> None:
            console.print(f"[yellow]warning:[/] {mask_secrets(message)}")

        def info(self, message: str) -> None:
            console.print(mask_secrets(message))

    return RichReporter()


def print_json(data: Any) -> None:
    """A JSON document on stdout, passwords masked."""
    from pgshift.urls import mask_secrets

    click.echo(mask_secrets(json.dumps(data, indent=2, default=str)))


def json_errors(as_json: bool, call: Callable[[], T]) -> T:
    """Run ``call``; with --json, failures are also written to stdout as {"ok": false, ...}."""
    try:
        return call()
    except PgshiftError as exc:
        if as_json:
            to_json = getattr(exc, "to_json", None)
            data = to_json() if to_json else {"error": exc.message, "where": exc.where, "hint": exc.hint}
            print_json({"ok": False, **data})
        raise
