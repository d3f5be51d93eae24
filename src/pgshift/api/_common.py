"""What every API function shares: the config from what the caller gave, the URL, the tracking table,
the run options, and psycopg errors turned into masked ``DatabaseError``s."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from pgshift.config import Config, load_config, resolve_url
from pgshift.errors import PgshiftError
from pgshift.urls import normalize_url

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


@contextlib.contextmanager
def database_errors(doing: str = "database error", hint: str | None = None) -> Iterator[None]:
    """Turn a psycopg error escaping the block into a masked ``DatabaseError`` (owner: pg.sqlstate).

    The owner module is imported only when an error comes through: a ``status`` with nothing to
    report runs without it (bench/noop)."""
    try:
        yield
    except Exception as exc:
        psycopg = sys.modules.get("psycopg")
        if psycopg is None or not isinstance(exc, psycopg.Error):
            raise
        from pgshift.pg.sqlstate import database_errors as owner

        with owner(doing, hint=hint):
            raise
