"""Load a corpus database (tests/corpus/<name>/schema.sql) into a fresh database of the test."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pgshift.pg.parser import parse_statements

CORPUS = Path(__file__).parent / "corpus"
NAMES: tuple[str, ...] = tuple(sorted(p.name for p in CORPUS.iterdir() if (p / "schema.sql").exists()))
# Contrib modules a corpus needs; a server without them (the throwaway pgserver build ships none)
# cannot hold that corpus at all.
NEEDS_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "contrib": ("hstore", "btree_gist", "citext"),
    "adventureworks": ("uuid-ossp", "tablefunc"),
    "postgrest": ("pgcrypto", "file_fdw", "ltree", "isn"),
}
# Roles a corpus grants to: cluster-wide, so created once per server and never dropped (other tests may be
# using them at the same moment).
NEEDS_ROLES: dict[str, tuple[str, ...]] = {
    "pgdump": ("regress_dump_test_role",),
    "postgrest": ("postgrest_test_anonymous", "postgrest_test_default_role", "postgrest_test_author"),
}


def ensure_role(conn: psycopg.Connection, role: str) -> None:
    """Create ``role`` unless it exists; safe when several test processes race to create it."""
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        return
    # created meanwhile by another process: the loser of the race sees either error
    with contextlib.suppress(psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))


# Statements of a corpus left out when it is loaded, by a text they hold: known gaps with which pull writes
# code that generate cannot read back, each reproduced on its own by a test_gap_* of the corpus's test.
SET_ASIDE: dict[str, tuple[str, ...]] = {
    "postgrest": (
        # test_gap_view_reading_itself: a view made to read itself by CREATE OR REPLACE
        "create or replace view test.infinite_recursion as\nselect * from test.infinite_recursion",
        "create or replace view self_recursive_view as table self_recursive_view",
        # test_gap_domain_over_a_table_row_type: and the function returning it
        "CREATE DOMAIN projects_domain AS projects",
        "RETURNS SETOF projects_domain",
    ),
}


def load_corpus(make_db: Callable[[], str], name: str) -> str:
    """A fresh database holding corpus ``name`` (but for its statements in ``SET_ASIDE``); skips when the
    server lacks a contrib module it needs."""
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
        text = (CORPUS / name / "schema.sql").read_text()
        set_aside = SET_ASIDE.get(name, ())
        if set_aside:
            statements = [s.text for s in parse_statements(text)]
            kept = [s for s in statements if not any(part in s for part in set_aside)]
            assert len(kept) == len(statements) - len(set_aside), "a SET_ASIDE text is not one statement's"
            text = ";\n".join(kept) + ";"
        conn.execute(text.encode())
    return url
