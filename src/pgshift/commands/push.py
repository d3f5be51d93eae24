"""``pgshift push``: make the database match the schema code directly (development only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pgshift.commands._common import (
    config_options,
    database_options,
    err,
    interactive,
    parse_rename_flags,
)
from pgshift.config import Config, Environment

if TYPE_CHECKING:
    from pgshift.api.push import PushPlan


@click.command("push")
@click.option("--force", is_flag=True, help="Accept data loss and failing changes without asking.")
@click.option("--strict", is_flag=True, help="Ask before every statement (needs a terminal).")
@click.option("--verbose", "-v", is_flag=True, help="Print each SQL statement of the plan.")
@click.option("--dry-run", is_flag=True, help="Show the plan and the data-loss analysis; change nothing.")
@click.option(
    "--rename", "renames", multiple=True, metavar="KIND:OLD=NEW", help="Settle a rename (as generate)."
)
@click.option(
    "--create", "creates", multiple=True, metavar="KIND:NAME", help="Settle a candidate as new (as generate)."
)
@config_options
@database_options
def command(
    config: Config,
    url: str,
    environment: Environment | None,
    force: bool,
    strict: bool,
    verbose: bool,
    dry_run: bool,
    renames: tuple[str, ...],
    creates: tuple[str, ...],
) -> int:
    """Diff the live database against the schema code and apply the difference, without a migration.

    For development databases only: nothing is recorded in the migrations table. Before anything runs,
    pgshift counts on the real data what the change would destroy or trip over (dropped tables and
    columns holding rows, NOT NULL over NULLs, unique constraints over duplicates, casts that fail,
    enum values in use) and asks; --force accepts. It never deletes rows to make a change fit.
    """
    from pgshift.api.managed import describe_unmanaged
    from pgshift.api.push import PushError, push
    from pgshift.diff.dataloss import DATA_LOSS, STOPS_PUBLISHING, WIDENS_ACCESS

    if environment is not None and environment.protected:
        raise PushError(
            f"push is refused on the protected environment {environment.name!r}",
            hint="generate a migration and run `pgshift migrate` there instead",
        )
    if strict and not interactive():
        raise PushError("--strict asks before every statement and needs a terminal")
    decisions = parse_rename_flags(renames, creates)
    # Plain click output (styles dropped when stdout is not a terminal): importing rich costs more
    # than a no-op push of 1,000 tables can spare (bench/push).

    def show(plan: PushPlan) -> None:
        click.echo(f"Plan for {plan.url}:")
        for op in plan.operations:
            click.echo(f"  {op.describe()}")
            if verbose:
                for sql in op.sql():
                    click.echo("    " + click.style(sql, dim=True))
        if plan.risks:
            click.echo(click.style("Data check", fg="red", bold=True) + " (counted on the database now):")
            for risk in plan.risks:
                label = {
                    DATA_LOSS: "data loss",
                    WIDENS_ACCESS: "widens access",
                    STOPS_PUBLISHING: "stops publishing",
                }.get(risk.kind, "will fail")
                click.echo(f"  {click.style(label, fg='red')}: {risk.message}")
        if plan.unmanaged:
            click.echo(describe_unmanaged(plan.unmanaged))
        for note in plan.notes:
            err(note)
        if dry_run:
            click.echo("dry run: nothing was changed")

    def confirm(plan: PushPlan) -> bool:
        return click.confirm("Apply these changes anyway?", default=False, err=True)

    def ask(sql: str) -> bool:
        return click.confirm(f"Run: {sql}", default=True, err=True)

    resolver = None
    if interactive():
        from pgshift.commands.generate import prompt_resolver

        resolver = prompt_resolver
    result = push(
        url,
        config=config,
        force=force,
        dry_run=dry_run,
        renames=decisions,
        resolver=resolver,
        on_plan=show,
        confirm=confirm if interactive() else None,
        confirm_statement=ask if strict else None,
    )
    if not result.plan.operations:
        for note in result.plan.notes:
            err(note)
        click.echo("No changes: the database already matches the schema.")
        if result.plan.unmanaged:
            click.echo(describe_unmanaged(result.plan.unmanaged))
        return 0
    if dry_run:
        return 0
    if not result.applied:
        err("Nothing was changed.")
        return 1
    click.echo(f"{click.style('pushed', fg='green')}: {result.statements} statement(s)")
    return 0
