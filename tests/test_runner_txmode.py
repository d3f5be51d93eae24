"""Which migrations run outside a transaction, decided by the real parser (no database needed)."""

from __future__ import annotations

import pytest

from pgshift.format.headers import irreversible_reason
from pgshift.runner.plan import State, build_plan, load_folder
from pgshift.runner.tracking import AppliedRow, TrackingState
from pgshift.runner.txmode import detect, header_directive
from tests.test_runner_support import MIGRATIONS

NON_TRANSACTIONAL = [
    ("CREATE INDEX CONCURRENTLY i ON t (a);", "CREATE INDEX CONCURRENTLY"),
    ("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a);", "CREATE INDEX CONCURRENTLY"),
    ("DROP INDEX CONCURRENTLY IF EXISTS i;", "DROP INDEX CONCURRENTLY"),
    ("REINDEX INDEX CONCURRENTLY i;", "REINDEX CONCURRENTLY"),
    ("REINDEX SCHEMA public;", "REINDEX SCHEMA/SYSTEM/DATABASE"),
    ("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;", "DETACH PARTITION CONCURRENTLY"),
    ("VACUUM ANALYZE t;", "VACUUM"),
    ("ALTER SYSTEM SET work_mem = '64MB';", "ALTER SYSTEM"),
    ("CREATE DATABASE other;", "CREATE DATABASE"),
    ("DROP DATABASE other;", "DROP DATABASE"),
]

TRANSACTIONAL = [
    "CREATE INDEX i ON t (a);",
    "DROP INDEX i;",
    "REINDEX INDEX i;",
    "ALTER TABLE p DETACH PARTITION p1;",
    "ANALYZE t;",
    "ALTER TYPE mood ADD VALUE 'meh';",  # allowed in a transaction since PostgreSQL 12
    "SELECT 'CREATE INDEX CONCURRENTLY x ON y (z)';",  # only text in a string
    "DO $$ BEGIN EXECUTE 'VACUUM'; END $$;",
]


@pytest.mark.parametrize(("sql", "reason"), NON_TRANSACTIONAL)
def test_detects_statements_that_refuse_a_transaction(sql, reason):
    mode = detect(f"CREATE TABLE t (a int);\n--> statement-breakpoint\n{sql}")
    assert not mode.transactional
    assert mode.reason == f"{reason} at line 3 cannot run in a transaction"


@pytest.mark.parametrize("sql", TRANSACTIONAL)
def test_everything_else_is_transactional(sql):
    assert detect(sql).transactional


def test_add_enum_value_before_postgres_12():
    mode = detect("ALTER TYPE mood ADD VALUE 'meh';", server_version=110000)
    assert not mode.transactional and "before PostgreSQL 12" in mode.reason


def test_header_directive_overrides_and_only_counts_at_the_top():
    assert header_directive("-- pgshift:transaction off\nCREATE TABLE a ();") is False
    assert header_directive("-- a comment\n\n-- pgshift:transaction ON\nSELECT 1;") is True
    assert header_directive("SELECT 1;\n-- pgshift:transaction off") is None
    assert detect("-- pgshift:transaction on\nCREATE INDEX CONCURRENTLY i ON t (a);").transactional
    assert not detect("-- pgshift:transaction off\nCREATE TABLE a ();").transactional


def test_irreversible_marker():
    assert irreversible_reason("-- pgshift:irreversible data is gone\nDROP TABLE x;") == "data is gone"
    assert irreversible_reason("\n-- pgshift:irreversible\n") == "no reason given"
    assert irreversible_reason("DROP TABLE x;\n-- pgshift:irreversible late") is None


def test_plan_matches_named_rows_then_hash_then_when():
    items = load_folder(MIGRATIONS / "basic")
    m0, m1, m2 = (m for _e, m in items)
    rows = (
        AppliedRow(1, m1.hash, 1),  # drizzle-orm row, found by hash although `when` differs
        AppliedRow(2, "stale", m2.entry.when),  # drizzle-orm row, found by `when`: modified
        AppliedRow(3, m0.hash, m0.entry.when, name="0000_users"),  # pgshift row, applied after the others
        AppliedRow(4, "x", 42, name="9999_gone"),
    )
    plan = build_plan(items, TrackingState(True, frozenset(), rows))
    states = {e.tag: (e.state, e.out_of_order, e.by_drizzle) for e in plan.entries}
    assert states == {
        "0000_users": (State.APPLIED, True, False),  # applied after 0001 and 0002
        "0001_posts": (State.APPLIED, False, True),
        "0002_users_email_idx": (State.MODIFIED, False, True),
        "9999_gone": (State.MISSING, False, False),
    }
    assert plan.pending == []
