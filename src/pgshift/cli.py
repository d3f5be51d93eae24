"""The ``pgshift`` command line.

Commands are loaded lazily: ``pgshift --help`` and ``pgshift migrate`` must not pay for importing
SQLAlchemy (or anything else a command does not use). Each command lives in
``pgshift.commands.<module>`` and exposes a ``click.Command`` named ``command``; the table below
carries the one-line summaries so the top-level help never imports a command module.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from typing import Any, NoReturn

import click

from pgshift import __version__

# name -> (module under pgshift.commands, one-line summary shown by `pgshift --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "generate": ("generate", "Diff schema code against the last snapshot and write a migration."),
    "export": ("export", "Print the SQL that creates the whole current schema from nothing."),
    "migrate": ("migrate", "Apply pending migrations, each once, under a lock."),
    "status": ("status", "Show applied, pending, modified and missing migrations, and drift."),
    "rollback": ("rollback", "Run down migrations to undo the newest applied ones."),
    "baseline": ("baseline", "Record migrations as applied without running them."),
    "push": ("push", "Make the database match the schema code directly (development only)."),
    "pull": ("pull", "Write SQLAlchemy schema code for an existing database."),
    "check": ("check", "Lint migration SQL and verify the folder's integrity."),
    "rebase": ("rebase", "Regenerate a branch's migration on top of another after a merge."),
    "devdb": ("devdb", "Manage the embedded development database (.pgshift/pgdata)."),
    "studio": ("studio", "Browse and edit data, schema and migrations in a local web UI."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _) in COMMANDS.items() if _module_exists(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None or not _module_exists(entry[0]):
            return None
        module = importlib.import_module(f"pgshift.commands.{entry[0]}")
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_exists(module: str) -> bool:
    """Whether a command module is present, without importing it."""
    from importlib.util import find_spec

    return find_spec(f"pgshift.commands.{module}") is not None


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="pgshift")
def cli() -> None:
    """Schema-as-code migrations for PostgreSQL.

    Write your schema with SQLAlchemy (Core tables, ORM models or SQLModel); pgshift turns each
    change into a reviewed SQL migration in Drizzle Kit's folder format, applies migrations safely,
    and checks them for locks and data loss.

    \b
    Typical loop:
      pgshift generate --name add_users   # write drizzle/0000_add_users.sql (+ .down.sql, snapshot)
      pgshift check                       # lint it for locks, rewrites, data loss
      pgshift migrate                     # apply what is pending
      pgshift status                      # what is applied, pending, modified

    Configuration comes from [tool.pgshift] in pyproject.toml or pgshift.toml; every command's
    --help lists the flags that override it.
    """


def run() -> NoReturn:
    """The ``pgshift`` console script and ``python -m pgshift``: ``main()``, then a fast exit.

    The process ends without the interpreter's teardown: freeing a 1,000-table schema's objects one by
    one and a last full collection over them took ~0.3 s after a ``generate`` had finished (more than
    pgshift's own diff). What teardown does that matters still happens: ``atexit`` handlers run
    (temporary directories, logging) and the standard streams are flushed. Commands close their
    connections and files themselves. Should a non-daemon thread still run, or a profiler or
    coverage watch the process (they write their report after the program), it exits normally. ``main()`` itself stays an ordinary function (tests call it in-process)."""
    import gc

    gc.disable()  # for good: turned on again it would first rescan everything made meanwhile
    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    import threading

    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage watches (`pyinstrument -m pgshift`): it reports at exit
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)  # what SystemExit("message") prints
        code = 1
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (`pgshift status | head`): nothing left to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> None:
    """The command line as a function (``run`` is the console script): turns PgshiftError into a
    message and an exit code, and ends in SystemExit.

    Contract for command modules: the callback returns an int exit code (None means 0) and raises
    PgshiftError for failures a user can act on.
    """
    from pgshift.gcpause import gc_paused

    # A CLI run is short-lived and builds large object graphs that live until it exits (a 1,000-table
    # schema's SQLAlchemy tables, the model, a 3 MB snapshot): the cyclic collector would only rescan
    # them (~0.5 s of a 1,000-table generate). Off for the run (``run`` leaves it off to the end; an
    # in-process caller gets it back); `studio`, long-lived, turns it on. (pgshift.gcpause says more.)
    with gc_paused():
        _main(argv)


def _main(argv: list[str] | None) -> None:
    from pgshift.errors import PgshiftError
    from pgshift.urls import mask_secrets

    args = sys.argv[1:] if argv is None else argv
    if not args:
        click.echo(cli.get_help(click.Context(cli, info_name="pgshift")))
        sys.exit(0)
    try:
        rc = cli.main(args=args, prog_name="pgshift", standalone_mode=False)
    except PgshiftError as exc:
        click.echo(click.style("error: ", fg="red", bold=True) + mask_secrets(str(exc)), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 1 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        if type(exc).__module__.split(".")[0] == "psycopg":  # a server error no command turned into ours
            message = mask_secrets(str(exc).strip())
            click.echo(click.style("error: ", fg="red", bold=True) + f"database error: {message}", err=True)
            sys.exit(2)
        # A bug: show the traceback (people report it), with every password masked.
        import traceback

        click.echo(mask_secrets("".join(traceback.format_exception(exc))), err=True, nl=False)
        sys.exit(1)
    # Command callbacks return an int exit code (None means 0), e.g. 1 for "findings" in CI.
    sys.exit(rc if isinstance(rc, int) else 0)
