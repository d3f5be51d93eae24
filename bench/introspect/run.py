"""Benchmark: introspecting 1,000 tables / 10,000 columns / 2,000 indexes / 1,000 FKs, and a no-op push.

    python bench/introspect/run.py [--url postgresql://postgres@127.0.0.1:5432/postgres] [--runs 5]

Creates (once, reused afterwards) the database ``pgshift_bench_introspect`` from the same synthetic schema as
bench/generate, then times, in the same run and on the same connection settings:
- pgshift's ``introspect()`` (one catalog query per object kind);
- SQLAlchemy's ``MetaData.reflect()``;
- SQLAlchemy's batched ``Inspector.get_multi_columns/pk/foreign_keys/indexes/unique/check`` (what Alembic's
  autogenerate uses since 1.18);
- the whole ``pgshift push`` command against the equivalent schema module, which must find no changes.
Targets (issue "Introspection"): introspection < 1 s and >= 5x faster than SQLAlchemy; push with no changes < 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH.parent / "generate"))

from _results import write_section  # noqa: E402
from make_schema import TABLES, python_schema  # noqa: E402

DB = "pgshift_bench_introspect"


def db_url(server: str) -> str:
    sys.path.insert(0, str(BENCH.parents[1]))
    from tests.pgurls import with_dbname

    return with_dbname(server, DB)


def ensure_database(server: str, schema_file: Path) -> str:
    url = db_url(server)
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB}"')
    with psycopg.connect(url, autocommit=True) as conn:
        count = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
        if count != TABLES:
            print(f"creating {TABLES} tables in {DB} ...", flush=True)
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            sql = subprocess.run(
                [sys.executable, "-m", "pgshift", "export", "--schema", f"{schema_file}:metadata"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            with conn.transaction():
                for statement in sql.split("--> statement-breakpoint"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute("ANALYZE")
    return url


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
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pgshift-bench-intro-"))
    schema_file = work / "schema.py"
    schema_file.write_text(python_schema(changed=False))
    url = ensure_database(args.url, schema_file)

    from sqlalchemy import MetaData, create_engine, inspect

    # MetaData.reflect() follows foreign keys recursively; the 1,000-table FK ring needs a deeper stack.
    sys.setrecursionlimit(100_000)

    from pgshift.sources.introspect import introspect

    def pgshift_introspect() -> None:
        with psycopg.connect(url) as conn:
            model = introspect(conn, url=url)  # as push and pull call it: parallel catalog reads
        assert len(model.tables) == TABLES

    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1)

    def sa_reflect() -> None:
        engine = create_engine(sa_url)
        metadata = MetaData()
        metadata.reflect(engine)
        assert len(metadata.tables) == TABLES
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
        assert len(columns) == TABLES
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

    push_cmd = [sys.executable, "-m", "pgshift", "push", "--schema", f"{schema_file}:metadata", "--url", url]
    outputs = []

    def push() -> None:
        proc = subprocess.run(push_cmd, capture_output=True, text=True, cwd=work)
        outputs.append(proc.stdout + proc.stderr)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    results["pgshift push (no changes), whole command"] = timed(push, args.runs)
    assert "No changes" in outputs[-1], outputs[-1]
    print(
        f"{'pgshift push (no changes)':36} median {statistics.median(results['pgshift push (no changes), whole command']):.3f} s"
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

Command: `python bench/introspect/run.py --runs {args.runs}` (PostgreSQL {version} on localhost; SQLAlchemy
{sqlalchemy.__version__}; each figure after one warm-up run, connection set-up included).

| what | median | min |
|---|---|---|
{rows}

pgshift's introspection is **{ratio_reflect:.1f}x** faster than `MetaData.reflect()` and **{ratio_multi:.1f}x** faster
than the batched `Inspector.get_multi_*`. Targets: < 1 s and >= 5x; no-op push < 2 s (whole command)."""
    write_section("introspect", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
