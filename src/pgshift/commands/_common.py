"""Options and helpers every command shares: config loading, the database URL, output consoles."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pgshift.config import Config, load_config, resolve_environment, resolve_url

if TYPE_CHECKING:
    from rich.console import Console

    from pgshift.diff.renames import RenameDecisions


def config_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --config/--schema/--out and pass a loaded ``config: Config`` to the command."""

    @click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file (default: the nearest pgshift.toml, or pyproject.toml with [tool.pgshift]).",
    )
    @click.option(
        "--schema",
        "schema",
        help='Schema code: "package.module:attr" (a MetaData, declarative Base or SQLModel) or a path to a .py file.',
    )
    @click.option("--out", "out", help="Migration folder (default: drizzle).")
    @functools.wraps(func)
    def wrapper(
        *args: Any, config_path: str | None, schema: str | None, out: str | None, **kwargs: Any
    ) -> Any:
        config = load_config(config_path, overrides={"schema": schema, "out": out})
        return func(*args, config=config, **kwargs)

    return wrapper


def database_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --url/--env and pass ``url: str`` (resolved, embedded dev database as fallback) and ``environment``."""

    @click.option(
        "--url",
        "url_flag",
        help="Database URL (default: config `url`, then $DATABASE_URL, then the embedded development database).",
    )
    @click.option("--env", "env", help="A named environment from [tool.pgshift.environments].")
    @functools.wraps(func)
    def wrapper(*args: Any, url_flag: str | None, env: str | None, config: Config, **kwargs: Any) -> Any:
        environment = resolve_environment(config, env)
        url = resolve_url(config, env=env, flag=url_flag)
        if url is None:
            from pgshift import devdb

            err(devdb.describe(config.root))
            url = devdb.dev_url(config.root)
        from pgshift.urls import normalize_url

        url = normalize_url(url)
        return func(*args, config=config, url=url, environment=environment, **kwargs)

    return wrapper


def parse_rename_flags(renames: tuple[str, ...], creates: tuple[str, ...]) -> RenameDecisions:
    """--rename KIND:OLD=NEW and --create KIND:NAME flags as rename decisions (generate and push)."""
    from pgshift.diff.renames import RenameDecisions, parse_create_flag, parse_rename_flag

    decisions = RenameDecisions()
    for flag in renames:
        decisions = decisions.with_rename(*parse_rename_flag(flag))
    for flag in creates:
        decisions = decisions.with_created(*parse_create_flag(flag))
    return decisions


def err(message: str) -> None:
    """A line for people on stderr (stdout stays clean for SQL and --json); passwords masked."""
    from pgshift.urls import mask_secrets

    click.echo(mask_secrets(message), err=True)


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def interactive() -> bool:
    """Whether we may prompt: stdin and stderr are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def relpath(path: Path) -> str:
    """A path shown relative to the current directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
