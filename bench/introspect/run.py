"""Benchmark: introspecting 1,000 tables / 10,000 columns / 2,000 indexes / 1,000 FKs, and a no-op push.

    python bench/introspect/run.py [--url postgresql://postgres@127.0.0.1:5432/postgres] [--runs 5]

Creates (once, reused afterwards) the database ``pgshift_bench_introspect`` from the same synthetic schema as
bench/generate, then times, in the same run and on the same connection settings:
- pgshift's ``introspect()`` (one catalog query per object kind);
- SQLAlchemy's ``MetaData.reflect()``;
- SQLAlchemy's batched ``Inspector.get_multi_columns/pk/foreign_keys/indexes/unique/check`` (what Alembic's
  autogenerate uses since 1.18);
Targets (issue "Introspection"): introspection < 1 s and >= 5x faster than SQLAlchemy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import psycopg

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH.parent / "generate"))

from _common import QUICK, bench_database  # noqa: E402
from _results import write_section  # noqa: E402
from make_schema import TABLES  # noqa: E402


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm-up (catalog caches, imports)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", default="postgresql://postgres@127.0.0.1:5432/postgres", help="server (any database)"
    )
    parser.add_argument("--runs", type=int, default=1 if QUICK else 5)
    parser.add_argument("--tables", type=int, default=50 if QUICK else TABLES)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()

    url = bench_database(args.tables)

    from sqlalchemy import MetaData, create_engine, inspect

    # MetaData.reflect() follows foreign keys recursively; the 1,000-table FK ring needs a deeper stack.
    sys.setrecursionlimit(100_000)

    from pgshift.sources.introspect import introspect

    def pgshift_introspect() -> None:
        with psycopg.connect(url) as conn:
            model = introspect(conn, url=url)  # as push and pull call it: parallel catalog reads
        assert len(model.tables) == args.tables

    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1)

    def sa_reflect() -> None:
        engine = create_engine(sa_url)
        metadata = MetaData()
        metadata.reflect(engine)
        assert len(metadata.tables) == args.tables
        engine.dispose()

    def sa_inspector_multi() -> None:
        engine = create_engine(sa_url)
        insp = inspect(engine)
        columns = insp.get_multi_columns()
        insp.get_multi_pk_constraint()
        insp.get_multi_foreign_keys()
        insp.get_multi_indexes()
        insp.get_multi_unique_constraints()
        insp.get_multi_check_constraints()
        assert len(columns) == args.tables
        engine.dispose()

    results = {}
    for label, fn in (
        ("pgshift introspect()", pgshift_introspect),
        ("SQLAlchemy MetaData.reflect()", sa_reflect),
        ("SQLAlchemy Inspector.get_multi_*", sa_inspector_multi),
    ):
        results[label] = timed(fn, args.runs)
        print(
            f"{label:36} median {statistics.median(results[label]):.3f} s  min {min(results[label]):.3f} s",
            flush=True,
        )

    ours = statistics.median(results["pgshift introspect()"])
    ratio_reflect = statistics.median(results["SQLAlchemy MetaData.reflect()"]) / ours
    ratio_multi = statistics.median(results["SQLAlchemy Inspector.get_multi_*"]) / ours
    print(f"pgshift is {ratio_reflect:.1f}x faster than reflect(), {ratio_multi:.1f}x than get_multi_*")
    if args.no_write:
        return
    with psycopg.connect(url) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    import sqlalchemy

    rows = "\n".join(
        f"| {label} | {statistics.median(t):.3f} s | {min(t):.3f} s |" for label, t in results.items()
    )
    body = f"""## Introspection: 1,000 tables / 10,000 columns / 2,000 indexes / 1,000 foreign keys

Command: `python bench/introspect/run.py --tables {args.tables} --runs {args.runs}` (PostgreSQL {version} on localhost; SQLAlchemy
{sqlalchemy.__version__}; each figure after one warm-up run, connection set-up included).

| what | median | min |
|---|---|---|
{rows}

pgshift's introspection is **{ratio_reflect:.1f}x** faster than `MetaData.reflect()` and **{ratio_multi:.1f}x** faster
than the batched `Inspector.get_multi_*`. Targets: < 1 s and >= 5x. (The no-op push is in bench/push.)"""
    write_section("introspect", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
