"""``pgshift migrate``: apply pending migrations, each once, under a lock (``pgshift.api.migrate``)."""

from __future__ import annotations

from pathlib import Path

import click

from pgshift.commands._common import config_options, database_options, err, relpath
from pgshift.commands._run import json_errors, make_reporter, print_json, require_yes, run_options
from pgshift.config import Config, Environment


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
    lock_wait: float,
    lock_timeout: str | None,
    statement_timeout: str | None,
    retries: int | None,
) -> int:
    """Apply pending migrations, each exactly once, under an advisory lock.

    Each migration runs in its own transaction, except migrations holding statements that cannot
    (CREATE INDEX CONCURRENTLY, VACUUM, ...): those run statement by statement. A header line
    `-- pgshift:transaction off` (or `on`) decides explicitly. Refuses to run when an applied file
    changed or disappeared. Exit 0 on success, 2 on error.
    """
    from pgshift.api.migrate import migrate

    if not dry_run:
        require_yes(environment, yes, "migrate")
    if backup and not dry_run:
        from pgshift.runner.backup import backup as take_backup

        target = json_errors(as_json, lambda: take_backup(url, Path(backup)))
        err(f"backup written to {relpath(target)} (pg_dump -Fc)")
    result = json_errors(
        as_json,
        lambda: migrate(
            url,
            config=config,
            lock_wait=lock_wait,
            to=to,
            lock_timeout=lock_timeout,
            statement_timeout=statement_timeout,
            retries=retries,
            single_transaction=single_transaction,
            allow_modified=allow_modified,
            strict_order=strict_order,
            dry_run=dry_run,
            reporter=make_reporter(),
        ),
    )
    if as_json:
        print_json({"ok": True, **result.to_json()})
    if dry_run:
        if not as_json:
            click.echo(result.dry_run_sql, nl=False)
        return 0
    total = sum(a.duration_ms for a in result.applied)
    if result.applied:
        skipped = len(result.skipped)
        err(
            f"applied {len(result.applied)} migration(s) in {total} ms"
            + (f"; {skipped} {'was' if skipped == 1 else 'were'} already applied" if skipped else "")
        )
    else:
        err(f"nothing to migrate: {len(result.skipped)} migration(s) already applied")
    if result.remaining:
        err(f"left pending after --to {to}: {', '.join(result.remaining)}")
    return 0
