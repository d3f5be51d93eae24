"""``pgshift status``: every migration, applied or pending, and what is wrong. Exit 1 when not up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pgshift.commands._common import config_options, database_options
from pgshift.commands._run import print_json
from pgshift.config import Config, Environment

if TYPE_CHECKING:
    from pgshift.runner.plan import PlanEntry


def _describe(entry: PlanEntry) -> tuple[str, str, str]:
    """(state shown, applied when, duration) for one PlanEntry, styled with click (no rich: the
    no-op status must stay near the driver's start-up time, see bench/noop)."""
    from pgshift.runner.plan import State

    row = entry.row
    labels = {
        State.APPLIED: click.style("applied", fg="green"),
        State.PENDING: click.style("pending", fg="yellow"),
        State.MODIFIED: click.style("modified (checksum differs)", fg="red"),
        State.MISSING: click.style("file missing", fg="red"),
        State.PARTIAL: click.style(entry.progress(), fg="yellow"),
    }
    label = labels[entry.state]
    if entry.out_of_order:
        label += " " + click.style(
            "(out of order)" if entry.state is not State.PENDING else "(merged before applied ones)",
            fg="magenta",
        )
    if row is not None and row.by_drizzle:
        label += " " + click.style("(by drizzle-orm)", dim=True)
    if row is not None and row.baselined:
        label += " " + click.style("(baseline)", dim=True)
    when = row.applied_at.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if row and row.applied_at else ""
    if row is not None and not when and row.created_at:
        when = click.style("unknown (drizzle-orm)", dim=True)
    took = f"{row.duration_ms} ms" if row and row.duration_ms is not None else ""
    return label, when, took


def _table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], right: set[int]) -> str:
    """A plain aligned table (widths ignore ANSI styling)."""
    width = [len(click.unstyle(h)) for h in header]
    for row in rows:
        width = [max(w, len(click.unstyle(cell))) for w, cell in zip(width, row, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (width[i] - len(click.unstyle(cell)))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in width)
    return "\n".join([title, line(header), rule, *(line(r) for r in rows)])


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
    rows: list[tuple[str, ...]] = []
    for entry in report.entries:
        label, when, took = _describe(entry)
        position = "" if entry.position is None else str(entry.position)
        rows.append((position, entry.tag, label, when, took))
    title = f"migrations in {config.out} → {report.tracking_table} ({mask_secrets(url)})"
    if rows:
        click.echo(_table(title, ("#", "migration", "state", "applied at", "took"), rows, {0, 4}))
    if not report.plan.tracking_exists:
        click.secho(f"{report.tracking_table} does not exist yet: nothing has been applied", dim=True)
    plan = report.plan
    parts = [f"{len(plan.applied)} applied", f"{len(plan.pending)} pending"]
    if plan.modified:
        parts.append(f"{len(plan.modified)} modified")
    if plan.missing:
        parts.append(f"{len(plan.missing)} missing")
    if plan.partial:
        parts.append(f"{len(plan.partial)} partially applied")
        for entry in plan.partial:
            click.echo(
                click.style(f"{entry.tag} is {entry.progress()}", fg="yellow")
                + ": a run stopped half way (failure, kill, lost "
                "connection). Run `pgshift migrate` again: it resumes at the first uncommitted group."
            )
    if report.invalid_indexes:
        parts.append(f"{len(report.invalid_indexes)} INVALID index(es)")
        for name in report.invalid_indexes:
            click.echo(
                click.style(f"INVALID index {name}", fg="red")
                + " (an interrupted concurrent build): unusable but maintained on every "
                f"write. `pgshift migrate` rebuilds it if a pending migration creates it; else DROP INDEX "
                f"CONCURRENTLY {name}; and create it again."
            )
    if report.drift:
        parts.append(f"{len(report.drift.items)} drift")
        click.echo(click.style("drift", fg="red") + f" against the schema of {report.drift.against}:")
        for item in report.drift.items:
            click.echo(f"  - {item.message}")
    if report.drift is not None and report.drift.unmanaged:
        from pgshift.api.managed import describe_unmanaged

        click.echo(describe_unmanaged(report.drift.unmanaged))
    summary = ", ".join(parts)
    if report.up_to_date:
        click.echo(click.style("up to date", fg="green") + f": {summary}")
    else:
        click.echo(click.style("not up to date", fg="yellow") + f": {summary}")
        if plan.pending:
            click.echo("run `pgshift migrate` to apply the pending migrations")
        if report.problems:
            click.echo("applied migrations changed or disappeared: restore them from version control")
    return report.exit_code
