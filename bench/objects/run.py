"""Benchmark: introspecting the 1,000-table database extended with functions, views, triggers and partitions.

    python bench/objects/run.py [--tables 1000] [--runs 7] [--no-write]

The database ``pgshift_bench_objects`` holds bench/generate's 1,000 tables (bench/_common.bench_database)
plus, per 1,000 tables: 500 functions (100 of them trigger functions), 500 views (50 of them
materialized, 100 of them over other views), 300 triggers (100 with a WHEN clause) and 100 tables
partitioned by range, each with a primary key, a foreign key, an index and 5 partitions (one the
default). It is built once and reused while it still holds every object (quick mode: 50 tables and
the objects scaled down alike).

Timed in this process, alternating after one warm-up of each (connection set-up included in both):
- pgshift's ``introspect(conn, url=url)``, as push and pull call it: the whole model (tables,
  partitions, functions, views, triggers, ...) from the live database;
- SQLAlchemy's ``MetaData.reflect()`` on the same database, which reads the tables only.
Wall clock (``perf_counter``) and CPU of this process (``process_time``: every thread, not the server).
Target (issue 11): pgshift < 1 s and >= 5x faster than ``MetaData.reflect()``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "generate"))

import psycopg
from _common import QUICK, SERVER, bench_database, db_url, fmt_s, loadavg, verdict
from _results import write_section
from make_schema import TABLES

QUARTERS = ("2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01")


def object_counts(tables: int) -> dict[str, int]:
    """How many of each object the database holds for ``tables`` tables (issue 11's figures per 1,000)."""
    return {
        "functions": tables // 2,
        "views": tables // 2,
        "triggers": tables * 3 // 10,
        "partitioned": tables // 10,
    }


def objects_sql(tables: int) -> list[str]:
    """The statements adding functions, views, triggers and partitioned tables to bench/generate's schema."""
    counts = object_counts(tables)
    trigger_functions = max(counts["functions"] // 5, 1)
    out = []
    for i in range(trigger_functions):
        out.append(
            f"CREATE FUNCTION public.trg_touch_{i:03d}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n  NEW.c_count := NEW.c_count + 1;\n"
            f"  NEW.c_text := coalesce(NEW.c_text, '') || '{i}';\n  RETURN NEW;\nEND\n$$"
        )
    for i in range(counts["functions"] - trigger_functions):
        t = f"t{i % tables:04d}"
        if i % 2:
            out.append(
                f"CREATE FUNCTION public.fn_{i:03d}(p_id integer, p_min bigint DEFAULT 0) RETURNS bigint\n"
                f"LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(c_count), 0)::bigint FROM public.{t}\n"
                "  WHERE id > p_id AND c_count >= p_min $$"
            )
        else:
            out.append(
                f"CREATE FUNCTION public.fn_{i:03d}(p_label text) RETURNS SETOF integer\n"
                "LANGUAGE plpgsql STABLE AS $$\nBEGIN\n"
                f"  RETURN QUERY SELECT id FROM public.{t} WHERE c_label = p_label ORDER BY id;\nEND\n$$"
            )
    for i in range(counts["views"]):
        a, b = f"t{i % tables:04d}", f"t{(i + 1) % tables:04d}"
        kind = i % 5
        if kind in (1, 2):
            body = (
                f"SELECT t.id, t.c_label, t.c_count, r.c_code AS ref_code FROM public.{a} t\n"
                f"  JOIN public.{b} r ON r.id = t.ref_id WHERE t.c_flag"
            )
        elif kind == 4:  # a view over a view (i - 3 is of kind 1)
            body = f"SELECT id, c_label, upper(ref_code) AS code FROM public.v_{i - 3:03d} WHERE c_count > 0"
        elif kind == 3:
            body = (
                f"SELECT c_label, count(*) AS n, sum(c_amount) AS total, max(c_created) AS latest\n"
                f"  FROM public.{a} GROUP BY c_label"
            )
        else:
            body = (
                f"SELECT id, c_label, CASE WHEN c_amount > 100 THEN 'big' ELSE 'small' END AS size\n"
                f"  FROM public.{a} WHERE c_created > now() - interval '30 days'\n"
                f"UNION ALL SELECT id, c_label, 'other' FROM public.{b} WHERE c_data ? 'k'"
            )
        materialized = "MATERIALIZED " if kind == 3 and i % 10 == 3 else ""
        out.append(f"CREATE {materialized}VIEW public.v_{i:03d} AS {body}")
    for i in range(counts["triggers"]):
        when = " WHEN (OLD.c_label IS DISTINCT FROM NEW.c_label)" if i % 3 == 0 else ""
        out.append(
            f"CREATE TRIGGER t{i:04d}_touch BEFORE UPDATE ON public.t{i % tables:04d} FOR EACH ROW{when}\n"
            f"  EXECUTE FUNCTION public.trg_touch_{i % trigger_functions:03d}()"
        )
    for i in range(counts["partitioned"]):
        p = f"p{i:03d}"
        out.append(
            f"CREATE TABLE public.{p} (id bigserial, created date NOT NULL,\n"
            f"  tenant integer NOT NULL REFERENCES public.t{i % tables:04d} (id),\n"
            f"  amount numeric(12, 2) DEFAULT 0 CHECK (amount >= 0), note text,\n"
            f"  PRIMARY KEY (id, created)) PARTITION BY RANGE (created)"
        )
        out.append(f"CREATE INDEX {p}_tenant_idx ON public.{p} (tenant, created DESC)")
        for q in range(4):
            out.append(
                f"CREATE TABLE public.{p}_q{q + 1} PARTITION OF public.{p}\n"
                f"  FOR VALUES FROM ('{QUARTERS[q]}') TO ('{QUARTERS[q + 1]}')"
            )
        out.append(f"CREATE TABLE public.{p}_default PARTITION OF public.{p} DEFAULT")
    return out


def present(url: str) -> dict[str, int]:
    """The objects the database holds now, counted as ``object_counts`` counts them."""
    query = """
        SELECT (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public'),
               (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')),
               (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal),
               (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'p')"""
    with psycopg.connect(url) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None
    return dict(zip(("functions", "views", "triggers", "partitioned"), row, strict=True))


def objects_database(tables: int) -> str:
    """URL of ``pgshift_bench_objects`` (or ``..._N`` for N tables), built when it is missing or incomplete."""
    name = "pgshift_bench_objects" if tables == TABLES else f"pgshift_bench_objects_{tables}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if exists and present(db_url(name)) == object_counts(tables):
        return db_url(name)
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    url = bench_database(tables, name)
    print(f"adding {object_counts(tables)} to {name} ...", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.transaction():
            for statement in objects_sql(tables):
                conn.execute(statement)  # type: ignore[call-overload]
        conn.execute("ANALYZE")
    assert present(url) == object_counts(tables), present(url)
    return url


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=50 if QUICK else TABLES)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 7)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()
    url = objects_database(args.tables)
    counts = object_counts(args.tables)
    partitions = counts["partitioned"] * 5
    materialized = sum("MATERIALIZED VIEW" in s for s in objects_sql(args.tables))

    import sqlalchemy
    from sqlalchemy import MetaData, create_engine

    from pgshift.sources.introspect import introspect

    # MetaData.reflect() follows foreign keys recursively; the 1,000-table FK ring needs a deeper stack.
    sys.setrecursionlimit(100_000)
    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1)

    def pgshift_introspect() -> None:
        with psycopg.connect(url) as conn:
            model = introspect(conn, url=url)  # as push and pull call it
        assert len(model.tables) == args.tables + counts["partitioned"], len(model.tables)
        assert len(model.functions) == counts["functions"], len(model.functions)
        assert len(model.views) == counts["views"], len(model.views)
        assert len(model.triggers) == counts["triggers"], len(model.triggers)
        assert sum(len(t.partitions) for t in model.tables) == partitions

    def sa_reflect() -> None:
        engine = create_engine(sa_url)
        metadata = MetaData()
        metadata.reflect(engine)
        assert len(metadata.tables) >= args.tables + counts["partitioned"], len(metadata.tables)
        engine.dispose()

    commands = {"pgshift introspect()": pgshift_introspect, "SQLAlchemy MetaData.reflect()": sa_reflect}
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for fn in commands.values() if not QUICK else ():
        fn()  # warm-up: imports, the server's catalog caches
    for _ in range(args.runs):
        for label, fn in commands.items():
            samples[label].append(measure(fn))
    load = loadavg()
    wall = {label: statistics.median(s[0] for s in runs) for label, runs in samples.items()}
    cpu = {label: statistics.median(s[1] for s in runs) for label, runs in samples.items()}
    for label in commands:
        low = min(s[0] for s in samples[label])
        print(
            f"{label:30} median {fmt_s(wall[label])}  min {fmt_s(low)}  cpu {fmt_s(cpu[label])}", flush=True
        )
    ours, peer = wall["pgshift introspect()"], wall["SQLAlchemy MetaData.reflect()"]
    ratio, cpu_ratio = peer / ours, cpu["SQLAlchemy MetaData.reflect()"] / cpu["pgshift introspect()"]
    print(f"pgshift is {ratio:.1f}x faster than reflect() (CPU {cpu_ratio:.1f}x); load average {load}")
    if args.no_write:
        return
    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    server = row[0] if row else "?"
    rows = "\n".join(
        f"| {label} | {fmt_s(wall[label])} | {fmt_s(min(s[0] for s in samples[label]))} | {fmt_s(cpu[label])} |"
        for label in commands
    )
    body = f"""## Introspection with functions, views, triggers and partitions (issue 11)

Command: `python bench/objects/run.py --tables {args.tables} --runs {args.runs}` (PostgreSQL {server} on localhost;
SQLAlchemy {sqlalchemy.__version__}). Both in this process, alternating, medians of {args.runs} runs after one warm-up
each, connection set-up included; CPU is this process's (all threads), not the server's. Load average when
the timings ended: **{load}** (2 cores shared with other work: wall figures stretch with it).

Database: {args.tables:,} tables (bench/generate's schema) + {counts["functions"]} functions, {counts["views"]} views
({materialized} materialized), {counts["triggers"]} triggers and {counts["partitioned"]} partitioned tables with {partitions} partitions.
pgshift's `introspect(conn, url=url)` (as push and pull call it) reads all of it; `MetaData.reflect()` reads
the tables only (partitions included).

| what | median wall | min wall | median CPU |
|---|---|---|---|
{rows}

- pgshift `introspect()`: **{fmt_s(ours)}** (target < 1 s): {verdict(ours < 1)}
- `MetaData.reflect()` / pgshift: **{ratio:.1f}x** wall, {cpu_ratio:.1f}x CPU (target >= 5x): {verdict(ratio >= 5)}"""
    write_section("objects", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
