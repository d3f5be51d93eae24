"""What every API function shares: the config from what the caller gave, the URL, the tracking table,
the run options, and psycopg errors turned into masked ``DatabaseError``s."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pgshift.config import Config, load_config, resolve_url
from pgshift.errors import PgshiftError
from pgshift.urls import normalize_url

if TYPE_CHECKING:
    from pgshift.runner.options import RunOptions
    from pgshift.runner.tracking import TrackingTable

ConfigLike = Config | str | Path | None


def as_config(config: ConfigLike) -> Config:
    """A Config as given, or loaded from a path (pgshift.toml / pyproject.toml), or the nearest one."""
    return config if isinstance(config, Config) else load_config(config)


def require_url(url: str | None, config: Config, what: str) -> str:
    """``url``, else the config's ``url``, else $DATABASE_URL — normalised. The API never starts the
    embedded development database on its own: a missing URL is an error naming the ways to give one."""
    found = url if url is not None else resolve_url(config)
    if not found:
        raise PgshiftError(
            f"pgshift.{what}: no database URL",
            hint="pass url=..., set DATABASE_URL, or set `url` in [tool.pgshift]",
        )
    return normalize_url(found)


def tracking_table(config: Config) -> TrackingTable:
    """The tracking table from the config (owner: runner.options)."""
    from pgshift.runner.options import tracking_table as from_config

    return from_config(config)


def run_options(
    config: Config,
    *,
    lock_wait: float | None = 300.0,
    lock_timeout: str | None = None,
    statement_timeout: str | None = None,
    retries: int | None = None,
    single_transaction: bool = False,
    to: str | None = None,
    allow_modified: bool = False,
    strict_order: bool = False,
    dry_run: bool = False,
) -> RunOptions:
    """The runner's knobs: explicit values first, then the config's defaults (owner: runner.options)."""
    from pgshift.runner.options import run_options as from_config

    return from_config(
        config,
        lock_wait=lock_wait,
        lock_timeout=lock_timeout,
        statement_timeout=statement_timeout,
        retries=retries,
        single_transaction=single_transaction,
        to=to,
        allow_modified=allow_modified,
        strict_order=strict_order,
        dry_run=dry_run,
    )


@contextlib.contextmanager
def database_errors(doing: str = "database error", hint: str | None = None) -> Iterator[None]:
    """Turn a psycopg error escaping the block into a masked ``DatabaseError`` (owner: pg.sqlstate)."""
    from pgshift.pg.sqlstate import database_errors as owner

    with owner(doing, hint=hint):
        yield
