"""``pgshift status``: every migration, applied or pending, and what is wrong. Exit 1 when not up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pgshift.commands._common import config_options, database_options, stdout_console
from pgshift.commands._run import print_json
from pgshift.config import Config, Environment

if TYPE_CHECKING:
    from pgshift.runner.plan import PlanEntry


def _describe(entry: PlanEntry) -> tuple[str, str, str]:
    """(state shown, applied when, duration) for one PlanEntry."""
    from pgshift.runner.plan import State

    row = entry.row
    labels = {
        State.APPLIED: "[green]applied[/]",
        State.PENDING: "[yellow]pending[/]",
        State.MODIFIED: "[red]modified (checksum differs)[/]",
        State.MISSING: "[red]file missing[/]",
        State.PARTIAL: f"[yellow]{entry.progress()}[/]",
    }
    label = labels[entry.state]
    if entry.out_of_order:
        label += (
            " [magenta](out of order)[/]"
            if entry.state is not State.PENDING
            else " [magenta](merged before applied ones)[/]"
        )
    if row is not None and row.by_drizzle:
        label += " [dim](by drizzle-orm)[/]"
    if row is not None and row.baselined:
        label += " [dim](baseline)[/]"
    when = row.applied_at.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if row and row.applied_at else ""
    if row is not None and not when and row.created_at:
        when = "[dim]unknown (drizzle-orm)[/]"
    took = f"{row.duration_ms} ms" if row and row.duration_ms is not None else ""
    return label, when, took


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report on stdout.")
@click.option(
    "--no-drift",
    is_flag=True,
    help="Skip comparing the live schema with the newest applied migration's snapshot.",
)
@config_options
@database_options
def command(config: Config, url: str, environment: Environment | None, as_json: bool, no_drift: bool) -> int:
    """Show every migration: applied (when, how long), pending, modified, missing, out of order.

    Also reports drift: differences between the live database and the schema recorded by the newest
    applied migration's snapshot (a change made by hand, a half-run migration, an old backup).

    Exit 0 when the database is up to date, 1 when anything is pending, wrong or drifted, 2 on error.
    """
    from pgshift.api.status import status
    from pgshift.urls import mask_secrets

    report = status(url, config=config, drift=not no_drift)
    if as_json:
        print_json(report.to_json())
        return report.exit_code
    from rich.table import Table

    console = stdout_console()
    if not console.is_terminal:
        console.width = 200  # piped or captured (CI logs): do not wrap rows at 80 columns
    table_view = Table(title=f"migrations in {config.out} → {report.tracking_table} ({mask_secrets(url)})")
    table_view.add_column("#", justify="right")
    table_view.add_column("migration")
    table_view.add_column("state")
    table_view.add_column("applied at")
    table_view.add_column("took", justify="right")
    for entry in report.entries:
        label, when, took = _describe(entry)
        position = "" if entry.position is None else str(entry.position)
        table_view.add_row(position, entry.tag, label, when, took)
    if report.entries:
        console.print(table_view)
    if not report.plan.tracking_exists:
        console.print(f"[dim]{report.tracking_table} does not exist yet: nothing has been applied[/]")
    plan = report.plan
    parts = [f"{len(plan.applied)} applied", f"{len(plan.pending)} pending"]
    if plan.modified:
        parts.append(f"{len(plan.modified)} modified")
    if plan.missing:
        parts.append(f"{len(plan.missing)} missing")
    if plan.partial:
        parts.append(f"{len(plan.partial)} partially applied")
        for entry in plan.partial:
            console.print(
                f"[yellow]{entry.tag} is {entry.progress()}[/]: a run stopped half way (failure, kill, lost "
                "connection). Run `pgshift migrate` again: it resumes at the first uncommitted group."
            )
    if report.invalid_indexes:
        parts.append(f"{len(report.invalid_indexes)} INVALID index(es)")
        for name in report.invalid_indexes:
            console.print(
                f"[red]INVALID index {name}[/] (an interrupted concurrent build): unusable but maintained on every "
                f"write. `pgshift migrate` rebuilds it if a pending migration creates it; else DROP INDEX "
                f"CONCURRENTLY {name}; and create it again."
            )
    if report.drift:
        parts.append(f"{len(report.drift.items)} drift")
        console.print(f"[red]drift[/] against the schema of {report.drift.against}:")
        for item in report.drift.items:
            console.print(f"  - {item.message}")
    if report.drift is not None and report.drift.unmanaged:
        from pgshift.api.managed import describe_unmanaged

        console.print(describe_unmanaged(report.drift.unmanaged), highlight=False)
    summary = ", ".join(parts)
    if report.up_to_date:
        console.print(f"[green]up to date[/]: {summary}")
    else:
        console.print(f"[yellow]not up to date[/]: {summary}")
        if plan.pending:
            console.print("run `pgshift migrate` to apply the pending migrations")
        if report.problems:
            console.print("applied migrations changed or disappeared: restore them from version control")
    return report.exit_code
