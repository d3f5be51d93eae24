"""``pgshift check``: lint migration SQL for locks, rewrites and data loss; verify the folder.

Exit 0 when no error-level finding, 1 when any (for CI), 2 on usage errors.
"""

from __future__ import annotations

from pathlib import Path

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
@click.option(
    "--since",
    metavar="GIT-REF",
    help="Lint only migration files added or changed since this git ref (e.g. origin/main); "
    "the folder's integrity is always checked. For CI on pull requests.",
)
@click.option(
    "--pending",
    is_flag=True,
    help="With --db: lint only migrations the database has not applied yet.",
)
@click.option("--list-rules", is_flag=True, help="List the rules (id, severity, lock, why) and exit.")
@config_options
def command(config: Config, paths: tuple[Path, ...], fmt: str, use_db: bool, url_flag: str | None,
            env: str | None, since: str | None, pending: bool, list_rules: bool) -> int:  # fmt: skip
    """Lint migrations and check the migration folder's integrity.

    With --db (and no PATHS) it also reports schema drift: differences between the live database and
    the schema recorded by the newest applied migration, as error-level `schema-drift` findings.

    Without PATHS: every migration of the config's folder plus the folder checks. PATHS may be .sql
    files or folders. Applied migrations are history: in CI use --since (or --db --pending) so a
    reviewed, already applied destructive change does not fail every later build. Suppress one statement's finding with `-- pgshift:ignore <rule-id>` on the line
    before it; set severities in the config's `lint` table (rule-id = "error"|"warning"|"info"|"off").
    """
    from pgshift.api.check import check
    from pgshift.commands._common import err
    from pgshift.config import resolve_url
    from pgshift.lint import format_github, format_human
    from pgshift.lint.output import json_bytes
    from pgshift.lint.paths import unknown_rules

    if list_rules:
        from pgshift.lint.rules import RULES

        for known in RULES.values():
            level = config.lint.get(known.id, known.severity)
            click.echo(f"{known.id:34} {level:8} {known.lock or '-':24} {known.why}")
        return 0
    for rule in unknown_rules(config.lint):
        where = f" in {config.source}" if config.source else ""
        err(
            f"warning: config lint table{where} names unknown rule {rule!r} "
            "(`pgshift check --list-rules` lists them)"
        )
    url = resolve_url(config, env=env, flag=url_flag) if (url_flag or env) else None
    if (use_db or env) and url is None:
        url = resolve_url(config)
        if url is None:
            from pgshift.errors import PgshiftError

            raise PgshiftError(
                "--db needs a database URL", hint="pass --url, set `url` in the config, or set $DATABASE_URL"
            )
    result = check(list(paths), config=config, url=url, db=use_db, since=since, pending=pending)
    findings = list(result.findings)
    if fmt == "json":
        _write_stdout(json_bytes(findings) + b"\n")
    elif fmt == "github":
        click.echo(format_github(findings), nl=False)
    else:
        from pgshift.commands._common import stdout_console

        console = stdout_console()
        click.echo(format_human(findings, color=console.is_terminal), nl=False)
    return _end(result.exit_code)


def _end(code: int) -> int:
    """``code``; when this command is the whole process (``pgshift.commands.WHOLE_PROCESS``), the process
    ends here instead, once its output is flushed.

    Why: the findings of a large folder are about a million objects (35,000 findings and their text),
    and the interpreter's teardown freed them one by one after the report was written: 30-50 ms, a
    twentieth of a 1,000-file check, for a process that ends anyway. Nothing here needs ``atexit``
    (forked linters are joined, a ``--db`` connection is closed). When stdout cannot be flushed (a
    closed pipe), the ordinary exit reports it as before.
    """
    import os
    import sys

    import pgshift.commands

    if not pgshift.commands.WHOLE_PROCESS:
        return code
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return code
    os._exit(code)


def _write_stdout(data: bytes) -> None:
    """Bytes to stdout as they are (after anything already written through the text layer)."""
    import sys

    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a test's StringIO): no byte layer to write to
        sys.stdout.write(data.decode("utf-8"))
        return
    buffer.write(data)
    buffer.flush()
