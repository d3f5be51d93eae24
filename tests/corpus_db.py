"""Load a corpus database (tests/corpus/<name>/schema.sql) into a fresh database of the test."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

CORPUS = Path(__file__).parent / "corpus"
NAMES: tuple[str, ...] = tuple(sorted(p.name for p in CORPUS.iterdir() if (p / "schema.sql").exists()))
# Contrib modules a corpus needs; a server without them (the throwaway pgserver build ships none)
# cannot hold that corpus at all.
NEEDS_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "contrib": ("hstore", "btree_gist", "citext"),
    "adventureworks": ("uuid-ossp", "tablefunc"),
}
# Roles a corpus grants to: cluster-wide, so created once per server and never dropped (other tests may be
# using them at the same moment).
NEEDS_ROLES: dict[str, tuple[str, ...]] = {"pgdump": ("regress_dump_test_role",)}


def ensure_role(conn: psycopg.Connection, role: str) -> None:
    """Create ``role`` unless it exists; safe when several test processes race to create it."""
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        return
    # created meanwhile by another process: the loser of the race sees either error
    with contextlib.suppress(psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))


def load_corpus(make_db: Callable[[], str], name: str) -> str:
    """A fresh database holding corpus ``name``; skips when the server lacks a contrib module it needs."""
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        needed = NEEDS_EXTENSIONS.get(name, ())
        if needed:
            available = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", (list(needed),)
                )
            }
            missing = sorted(set(needed) - available)
            if missing:
                pytest.skip(f"the test server has no {', '.join(missing)} extension (contrib not installed)")
        for role in NEEDS_ROLES.get(name, ()):
            ensure_role(conn, role)
        # The scripts are plain SQL without psql meta-commands, so the simple query protocol runs them
        # whole, as psql -f would.
        conn.execute((CORPUS / name / "schema.sql").read_text().encode())
    return url
