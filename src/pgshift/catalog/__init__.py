"""Catalog queries, one ``.sql`` file per query, loaded by name (package data)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def load(name: str) -> str:
    """The text of ``catalog/<name>.sql``.

    Read beside this file (pgshift is installed as files, never zipped): ``importlib.resources``
    costs more to import than ``status`` spends on its catalog query."""
    return (_HERE / f"{name}.sql").read_text(encoding="utf-8")
