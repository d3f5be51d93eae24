"""Options and helpers every command shares: config loading, the database URL, output consoles."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pgshift.config import Config, load_config, resolve_environment, resolve_url


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
        return func(*args, config=config, url=url, environment=environment, **kwargs)

    return wrapper


def err(message: str) -> None:
    """A line for people on stderr (stdout stays clean for SQL and --json)."""
    click.echo(message, err=True)


def stdout_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr_console():  # type: ignore[no-untyped-def]
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
