"""pgshift: schema-as-code migrations for PostgreSQL.

The public Python API is imported lazily so that ``import pgshift`` stays cheap (no SQLAlchemy, no
psycopg) for the CLI's start-up and for applications that only call ``pgshift.migrate`` at boot.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "migrate"]


def __getattr__(name: str) -> Any:
    if name == "migrate":
        from pgshift.api.migrate import migrate

        return migrate
    raise AttributeError(f"module 'pgshift' has no attribute {name!r}")
