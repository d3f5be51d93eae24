"""``pgshift devdb``: the embedded development database kept in ``.pgshift/pgdata``."""

from __future__ import annotations

import shutil

import click

from pgshift import devdb
from pgshift.commands._common import config_options, err
from pgshift.config import Config


@click.group("devdb")
def command() -> None:
    """Manage the embedded development database.

    When no database URL is configured (no --url, no `url` in the config, no $DATABASE_URL), commands
    that need a database start a PostgreSQL cluster kept in .pgshift/pgdata next to your config and
    reuse it afterwards. Point pgshift at a real database instead with DATABASE_URL or --url.
    """


@command.command("url")
@config_options
def url_cmd(config: Config) -> int:
    """Start the development database if needed and print its URL (for psql, your app, drizzle-orm)."""
    click.echo(devdb.dev_url(config.root))
    return 0


@command.command("stop")
@config_options
def stop_cmd(config: Config) -> int:
    """Stop the development database (its data stays in .pgshift/pgdata)."""
    data_dir = devdb.dev_data_dir(config.root)
    if not data_dir.exists():
        err(f"no development database in {data_dir}")
        return 0
    if not (data_dir / "postmaster.pid").exists():
        err(f"the development database in {data_dir} was not running")
        return 0
    devdb.PROVIDER.stop(data_dir)
    err(f"stopped the development database in {data_dir}")
    return 0


@command.command("reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@config_options
def reset_cmd(config: Config, yes: bool) -> int:
    """Stop the development database and delete all of its data."""
    data_dir = devdb.dev_data_dir(config.root)
    if not data_dir.exists():
        err(f"no development database in {data_dir}")
        return 0
    if not yes:
        from pgshift.commands._common import interactive
        from pgshift.errors import PgshiftError

        if not interactive():
            raise PgshiftError(
                f"refusing to delete {data_dir} without confirmation: there is no terminal to ask",
                hint="re-run with --yes",
            )
        click.confirm(f"Delete {data_dir} and everything in it?", abort=True, err=True)
    devdb.PROVIDER.stop(data_dir)
    shutil.rmtree(data_dir)
    err(f"deleted {data_dir}")
    return 0
