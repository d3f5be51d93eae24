"""``pgshift rollback``: run down migrations to undo the newest applied ones, after showing what they destroy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pgshift.commands._common import (
    config_options,
    confirm_or_refuse,
    database_options,
    err,
    stderr_console,
)
from pgshift.commands._run import json_errors, make_reporter, print_json, require_yes, run_options
from pgshift.config import Config, Environment
from pgshift.errors import PgshiftError

if TYPE_CHECKING:
    from pgshift.runner.rollback import RollbackStep


def show_plan(steps: list[RollbackStep]) -> None:
    """What will be undone, and every DROP TABLE / DROP COLUMN with the data it holds now."""
    console = stderr_console()
    console.print(f"rolling back {len(steps)} migration(s), newest first:")
    for step in steps:
        how = "" if step.unit.mode.transactional else f" (no transaction: {step.unit.mode.reason})"
        console.print(f"  ← {step.tag}{how}")
        for d in step.destruction:
            rows = "unknown" if d.rows is None else f"{d.rows:,}"
            unit = "rows" if d.what.startswith("table") else "non-null values"
            colour = "red" if d.rows else "yellow"
            console.print(f"      [{colour}]drops {d.what}: {rows} {unit}[/] [dim](line {d.line})[/]")


@click.command("rollback")
@click.option("--steps", type=click.IntRange(min=0), default=None, help="How many to roll back (default 1).")
@click.option("--to", "to", metavar="TAG", help="Roll back everything applied after TAG.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (required without a terminal).")
@run_options
@config_options
@database_options
def command(
    config: Config,
    url: str,
    environment: Environment | None,
    steps: int | None,
    to: str | None,
    yes: bool,
    dry_run: bool,
    as_json: bool,
    lock_wait: float,
    lock_timeout: str | None,
    statement_timeout: str | None,
    retries: int | None,
) -> int:
    """Undo the newest applied migrations by running their <tag>.down.sql files.

    Shows each table and column the down SQL drops, with its current row count, and asks before
    running (refuses without a terminal unless --yes). Refuses a migration without a down file or
    whose down file starts with `-- pgshift:irreversible <reason>`.
    """
    from pgshift.api.rollback import rollback

    if steps is not None and to is not None:
        raise PgshiftError("use either --steps or --to, not both")
    if not dry_run:
        require_yes(environment, yes, "rollback")

    def confirm(planned: list[RollbackStep]) -> bool:
        if not as_json:
            show_plan(planned)
        return confirm_or_refuse(
            "Run these down migrations?",
            refusing="roll back",
            yes=yes,
            hint="review the list above, then re-run with --yes",
        )

    result = json_errors(
        as_json,
        lambda: rollback(
            url,
            config=config,
            steps=steps,
            to=to,
            confirm=confirm,
            dry_run=dry_run,
            lock_wait=lock_wait,
            lock_timeout=lock_timeout,
            statement_timeout=statement_timeout,
            retries=retries,
            reporter=make_reporter(arrow="←"),
        ),
    )
    if as_json:
        print_json({"ok": True, **result.to_json()})
        return 0
    if dry_run:
        if result.steps:
            show_plan(list(result.steps))
        click.echo(result.dry_run_sql or "-- nothing to roll back\n", nl=False)
        return 0
    if not result.steps:
        err("nothing to roll back")
    else:
        err(
            f"rolled back {len(result.rolled_back)} migration(s): {', '.join(a.tag for a in result.rolled_back)}"
        )
    return 0
