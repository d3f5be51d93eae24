"""``pgshift push``: make the database match the schema code directly (development only)."""

from __future__ import annotations

import click

from pgshift.commands._common import config_options, database_options, err, interactive, stdout_console


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
def command(config, url, environment, force, strict, verbose, dry_run, renames, creates) -> int:  # type: ignore[no-untyped-def]
    """Diff the live database against the schema code and apply the difference, without a migration.

    For development databases only: nothing is recorded in the migrations table. Before anything runs,
    pgshift counts on the real data what the change would destroy or trip over (dropped tables and
    columns holding rows, NOT NULL over NULLs, unique constraints over duplicates, casts that fail,
    enum values in use) and asks; --force accepts. It never deletes rows to make a change fit.
    """
    from pgshift.api.generate import load_schema_model, settle_renames
    from pgshift.api.push import execute, read_database
    from pgshift.diff.dataloss import DATA_LOSS, analyze
    from pgshift.diff.renames import RenameDecisions, parse_create_flag, parse_rename_flag
    from pgshift.errors import PgshiftError
    from pgshift.model.schema import Model
    from pgshift.runner.run import connect
    from pgshift.urls import mask_url

    if environment is not None and environment.protected:
        raise PgshiftError(
            f"push is refused on the protected environment {environment.name!r}",
            hint="generate a migration and run `pgshift migrate` there instead",
        )
    if strict and not interactive():
        raise PgshiftError("--strict asks before every statement and needs a terminal")
    decisions = RenameDecisions()
    for flag in renames:
        decisions = decisions.with_rename(*parse_rename_flag(flag))
    for flag in creates:
        decisions = decisions.with_created(*parse_create_flag(flag))

    from concurrent.futures import ThreadPoolExecutor

    console = stdout_console()
    with connect(url) as conn, ThreadPoolExecutor(max_workers=1) as pool:
        conn.autocommit = True
        # Reading the catalog waits on the server while loading schema code keeps Python busy: overlap them.
        reading = pool.submit(read_database, conn, config, Model(), url)
        target = load_schema_model(config)
        actual = reading.result()
        if set(target.schemas) - set(config.schema_filter):
            actual = read_database(conn, config, target, url)  # the code uses schemas the filter left out
        resolver = None
        if interactive():
            from pgshift.commands.generate import prompt_resolver

            resolver = prompt_resolver
        decisions = settle_renames(actual, target, decisions, resolver)
        from pgshift.diff.differ import diff

        operations = diff(actual, target, renames=decisions)
        if not operations:
            console.print("No changes: the database already matches the schema.")
            return 0
        console.print(f"Plan for {mask_url(url)}:")
        for op in operations:
            console.print(f"  {op.describe()}")
            if verbose:
                for sql in op.sql():
                    console.print(f"    [dim]{sql}[/]", markup=True, highlight=False)
        risks = analyze(conn, operations)
        if risks:
            console.print("[bold red]Data check[/] (counted on the database now):")
            for risk in risks:
                label = "data loss" if risk.kind == DATA_LOSS else "will fail"
                console.print(f"  [red]{label}[/]: {risk.message}")
        if dry_run:
            console.print("dry run: nothing was changed")
            return 0
        if risks and not force:
            if not interactive():
                listing = "; ".join(r.message for r in risks)
                raise PgshiftError(
                    f"push would lose data or fail: {listing}",
                    hint="pass --force to accept (nothing is ever truncated to make a change fit), "
                    "or change the data or the schema first",
                )
            if not click.confirm("Apply these changes anyway?", default=False, err=True):
                err("Nothing was changed.")
                return 1

        def ask(sql: str) -> bool:
            return click.confirm(f"Run: {sql}", default=True, err=True)

        ran = execute(conn, operations, confirm_statement=ask if strict else None)
    console.print(f"[green]pushed[/]: {ran} statement(s)")
    return 0
