"""Extended statistics objects (CREATE STATISTICS) end to end, checked with independent catalog facts
(tests/catalog_facts.py reads pg_statistic_ext itself, not pgshift's catalog query)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg

from pgshift.api.drift import Drift
from pgshift.api.pull import pull
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.diff.differ import diff
from pgshift.diff.render import down_sql, migration_sql
from pgshift.sources.introspect import introspect
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.pgversions import on_every_version
from tests.test_cases import apply_down, apply_ops
from tests.test_corpus_pgdump import round_trip
from tests.test_objects import project

SETUP = """
CREATE SCHEMA app;
CREATE SCHEMA st;
CREATE TABLE app.orders (id integer PRIMARY KEY, city text, zip text, total numeric, placed date);
CREATE STATISTICS app.orders_city_zip (dependencies) ON city, zip FROM app.orders;
CREATE STATISTICS app.orders_all ON city, zip, total FROM app.orders;
ALTER STATISTICS app.orders_all SET STATISTICS 300;
COMMENT ON STATISTICS app.orders_all IS 'every kind, it''s the default';
CREATE STATISTICS st.orders_month (mcv) ON date_trunc('month', placed::timestamp), lower(city), zip FROM app.orders;
ALTER STATISTICS st.orders_month SET STATISTICS 0;
CREATE TABLE public.plain (a integer, b integer);
CREATE STATISTICS plain_ab (ndistinct) ON a, b FROM plain;
CREATE TABLE app.events (day date, kind text, n integer) PARTITION BY RANGE (day);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE STATISTICS app.events_kind_n ON kind, n FROM app.events;
CREATE MATERIALIZED VIEW app.totals AS SELECT city, count(*) AS n, sum(total) AS total FROM app.orders GROUP BY 1;
CREATE STATISTICS app.totals_city_n (dependencies) ON city, n FROM app.totals;
"""

SCHEMAS = ("public", "app", "st")


def _statistics_facts(url: str) -> list[str]:
    return [f for f in catalog_facts(url) if f.startswith("statistics |")]


@on_every_version
def test_pull_generate_migrate_round_trip(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    """pull -> code -> generate -> migrate gives the source's statistics (kinds, columns, expressions,
    targets, comments) by independent catalog facts, and push of the pulled code plans nothing."""
    planned, differing, config, fresh = round_trip(make_db, tmp_path, SETUP, SCHEMAS)
    assert planned == set() and differing == set()
    facts = _statistics_facts(fresh)
    assert len(facts) == 6, facts
    assert any("orders_all" in f and "| 300 |" in f and "it's the default" in f for f in facts), facts
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "CREATE STATISTICS st.orders_month" in code and "SET STATISTICS 0" in code
    assert status(fresh, config=config).drift == Drift(against="0000_all", items=())
    with psycopg.connect(fresh, autocommit=True) as conn:  # drift made by hand, each kind of difference
        conn.execute("ALTER STATISTICS app.orders_all SET STATISTICS 5; DROP STATISTICS public.plain_ab")
        conn.execute("CREATE STATISTICS app.by_hand ON city, total FROM app.orders")
    drift = status(fresh, config=config).drift
    assert drift is not None
    assert {item.message.split(" — ")[0] for item in drift.items} == {
        "statistics object app.by_hand is in the database but not in the schema (made by hand?)",
        "statistics object plain_ab is in the schema but not in the database",
        "set the target of statistics object app.orders_all would be needed: the database differs from the schema",
    }
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute("DROP STATISTICS app.by_hand; CREATE STATISTICS plain_ab (ndistinct) ON a, b FROM plain")
    rollback(fresh, config=config)  # the down file drops them before their tables
    assert _statistics_facts(fresh) == []


def test_statistics_are_not_listed_as_not_managed(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    db.execute(SETUP)
    config = project(tmp_path, db_url, schema_filter=SCHEMAS)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert {u.kind for u in pulled.unmanaged} & {"statistics object"} == set()
    assert {s.key for s in pulled.model.statistics} == {
        "app.events_kind_n",
        "app.totals_city_n",
        "app.orders_all",
        "app.orders_city_zip",
        "public.plain_ab",
        "st.orders_month",
    }


def test_dropping_a_covered_column_migrates_up_and_down(make_db: Callable[[], str]) -> None:
    """PostgreSQL drops a statistics object with any column it covers: the up file drops it first (an
    explicit DROP STATISTICS after the column would fail), the down file creates it again after the
    column is back, with its target and comment. Checked on real databases by catalog facts."""
    before, after = make_db(), make_db()
    for url in (before, after):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(SETUP)
    with psycopg.connect(after, autocommit=True) as conn:
        conn.execute("ALTER TABLE app.orders DROP COLUMN zip")
    with psycopg.connect(before) as a, psycopg.connect(after) as b:
        old, new = introspect(a, schema_filter=SCHEMAS), introspect(b, schema_filter=SCHEMAS)
    assert len(old.statistics) == 6 and len(new.statistics) == 3  # orders' zip took 3 with it
    ops = diff(old, new)
    up = migration_sql(ops)
    assert up.index("DROP STATISTICS") < up.index('DROP COLUMN "zip"'), up
    down = down_sql(ops)
    assert down.index('ADD COLUMN "zip"') < down.index("CREATE STATISTICS app.orders_all"), down
    original = catalog_facts(before)
    apply_ops(before, ops)
    assert_same_facts(catalog_facts(before), catalog_facts(after))
    apply_down(before, ops)
    # a column added back comes last (the down file's one known difference): compared apart
    kept = [f for f in catalog_facts(before) if not f.startswith("column_order |")]
    assert_same_facts(kept, [f for f in original if not f.startswith("column_order |")])
    with psycopg.connect(before) as conn:  # and pgshift sees the objects it recreated as unchanged
        assert diff(introspect(conn, schema_filter=SCHEMAS), old) == []
    assert len(_statistics_facts(before)) == 6


@on_every_version
def test_target_set_and_reset_in_place(pg: str, make_db: Callable[[], str]) -> None:
    """SET STATISTICS n, and back to the default (-1: what 15-16 need; 17+ store NULL for it)."""
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (a integer, b integer); CREATE STATISTICS t_ab ON a, b FROM t")
        old = introspect(conn)
        conn.execute("ALTER STATISTICS t_ab SET STATISTICS 10")
        new = introspect(conn)
        conn.execute("ALTER STATISTICS t_ab SET STATISTICS -1")
    assert (old.statistics[0].target, new.statistics[0].target) == (None, 10)
    ops = diff(old, new)
    assert [op.describe() for op in ops] == ["set the target of statistics object public.t_ab"]
    apply_ops(url, ops)
    assert _statistics_facts(url)[0].endswith("| 10 | ")
    apply_down(url, ops)
    assert _statistics_facts(url)[0].endswith("| -1 | ")
    with psycopg.connect(url) as conn:
        assert diff(introspect(conn), old) == []


REBUILT = """
CREATE TABLE t (a integer, b integer, c text);
CREATE FUNCTION half(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 / 2 $$;
CREATE STATISTICS t_exprs ON (half(a)), b FROM t;
CREATE STATISTICS t_bc ON b, c FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t;
CREATE STATISTICS mv_ab ON a, b FROM mv;
"""
CHANGED = """
ALTER TABLE t ALTER COLUMN c TYPE varchar(20);
DROP STATISTICS t_exprs; DROP FUNCTION half(integer);
CREATE FUNCTION half(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT $1 / 2 $$;
CREATE STATISTICS t_exprs ON (half(a)), b FROM t;
DROP MATERIALIZED VIEW mv; CREATE MATERIALIZED VIEW mv AS SELECT a, b, 1 AS one FROM t;
CREATE STATISTICS mv_ab ON a, b FROM mv;
"""


def test_rebuilt_around_what_they_use(make_db: Callable[[], str]) -> None:
    """Statistics on a retyped column, calling a function that is replaced, and on a rebuilt
    materialized view: dropped before and created after, up and down, by catalog facts."""
    before, after = make_db(), make_db()
    for url, setup in ((before, REBUILT), (after, REBUILT + CHANGED)):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(setup)
    with psycopg.connect(before) as a, psycopg.connect(after) as b:
        old, new = introspect(a), introspect(b)
    ops = diff(old, new)
    original = catalog_facts(before)
    apply_ops(before, ops)
    assert_same_facts(catalog_facts(before), catalog_facts(after))
    apply_down(before, ops)
    assert_same_facts(catalog_facts(before), original)
    assert len(_statistics_facts(before)) == 3
