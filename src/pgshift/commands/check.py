"""``pgshift check``: lint migration SQL for locks, rewrites and data loss; verify the folder.

Exit 0 when no error-level finding, 1 when any (for CI), 2 on usage errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pgshift.commands._common import config_options
from pgshift.config import Config


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json", "github"]),
    default="human",
    show_default=True,
    help="Output: for people, JSON, or GitHub Actions annotations.",
)
@click.option("--db", "use_db", is_flag=True, help="Rate findings by table size and compare applied hashes.")
@click.option("--url", "url_flag", help="Database URL for --db (default: config `url`, then $DATABASE_URL).")
@click.option("--env", "env", help="A named environment from [tool.pgshift.environments] (for --db).")
@click.option("--list-rules", is_flag=True, help="List the rules (id, severity, lock, why) and exit.")
@config_options
def command(config: Config, paths: tuple[Path, ...], fmt: str, use_db: bool, url_flag: str | None,
            env: str | None, list_rules: bool) -> int:  # fmt: skip
    """Lint migrations and check the migration folder's integrity.

    With --db (and no PATHS) it also reports schema drift: differences between the live database and
    the schema recorded by the newest applied migration, as error-level `schema-drift` findings.

    Without PATHS: every migration of the config's folder plus the folder checks. PATHS may be .sql
    files or folders. Suppress one statement's finding with `-- pgshift:ignore <rule-id>` on the line
    before it; set severities in the config's `lint` table (rule-id = "error"|"warning"|"info"|"off").
    """
    from pgshift.commands._common import err
    from pgshift.commands.migrate import tracking_table
    from pgshift.lint import exit_code, format_github, format_human, format_json
    from pgshift.lint.paths import unknown_rules

    if list_rules:
        from pgshift.lint.rules import RULES

        for rule in RULES.values():
            level = config.lint.get(rule.id, rule.severity)
            click.echo(f"{rule.id:34} {level:8} {rule.lock or '-':24} {rule.why}")
        return 0
    for rule in unknown_rules(config.lint):
        err(f"warning: config lint table names unknown rule {rule!r} (see `pgshift check --help`)")
    targets = list(paths) or [config.out_dir]
    conn: Any = None
    if use_db or url_flag or env:
        conn = _connect(config, url_flag, env)
    try:
        findings = _check(
            targets,
            config_severity=config.lint,
            conn=conn,
            tracking=tracking_table(config) if conn is not None else None,
        )
        if conn is not None and not paths:
            findings = [*findings, *_drift_findings(conn, config, tracking_table(config))]
    finally:
        if conn is not None:
            conn.close()
    if fmt == "json":
        click.echo(format_json(findings))
    elif fmt == "github":
        click.echo(format_github(findings), nl=False)
    else:
        from pgshift.commands._common import stdout_console

        console = stdout_console()
        click.echo(format_human(findings, color=console.is_terminal), nl=False)
    return exit_code(findings)


def _check(targets: list[Path], **kwargs: Any) -> Any:
    """check_paths, with database errors shown without the URL's password."""
    from pgshift.lint.paths import check_paths

    if kwargs.get("conn") is None:
        return check_paths(targets, **kwargs)
    from pgshift.pg.sqlstate import database_errors

    with database_errors(
        "while checking", hint="--db needs read access to pg_class, pg_stats and the tables"
    ):
        return check_paths(targets, **kwargs)


def _connect(config: Config, url_flag: str | None, env: str | None) -> Any:
    from pgshift.config import resolve_url
    from pgshift.errors import PgshiftError
    from pgshift.runner.run import connect

    url = resolve_url(config, env=env, flag=url_flag)
    if url is None:
        raise PgshiftError(
            "--db needs a database URL", hint="pass --url, set `url` in the config, or set $DATABASE_URL"
        )
    return connect(url)


def _drift_findings(conn: Any, config: Config, table: Any) -> list[Any]:
    """Schema drift (live database vs. the newest applied snapshot) as error-level findings."""
    from pgshift.api.drift import detect_drift
    from pgshift.folder.files import journal_path
    from pgshift.lint.finding import Finding
    from pgshift.runner.plan import build_status

    report = build_status(conn, config.out_dir, table)
    invalid = [
        Finding(
            rule="invalid-index",
            severity="error",
            message=f"index {name} is INVALID (an interrupted concurrent build): unusable, yet updated on every write",
            path=str(journal_path(config.out_dir)),
            fix=f"DROP INDEX CONCURRENTLY {name}; then build it again (pgshift migrate does both when a pending "
            "migration creates it)",
        )
        for name in report.invalid_indexes
    ]
    if not report.plan.applied:
        return invalid
    drift = detect_drift(conn, config.out_dir, config, [e.tag for e in report.plan.applied])
    if not drift:
        return invalid
    return invalid + [
        Finding(
            rule="schema-drift",
            severity="error",
            message=f"{item.message} (against {drift.against})",
            path=str(journal_path(config.out_dir)),
            fix="find who changed the database; make it match the migrations, or generate a migration for it",
        )
        for item in drift.items
    ]
