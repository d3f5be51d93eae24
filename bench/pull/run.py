"""Benchmark: `pgshift pull` of the 1,000-table database against sqlacodegen (and drizzle-kit pull, once).

    python bench/pull/run.py [--tables 1000] [--runs 5] [--no-write] [--drizzle-pull]

The database is bench/generate's schema (1,000 tables, 10,000 columns, 2,000 indexes, 1,000 foreign
keys), created once by bench/_common.bench_database. Timed round-robin: `pgshift pull` (ORM classes and
the baseline migration, from an empty project each run) and `sqlacodegen` (declarative classes, the
`bench` extra). ``--drizzle-pull`` runs `drizzle-kit pull` once, with a 20-minute timeout, and records
it in its own section (it took 289 s before; bench/run_all does not re-run it).
Targets (issue 13): pgshift < 1 s whole command and >= 5x faster than sqlacodegen.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import (
    PY,
    QUICK,
    REPO,
    bench_database,
    compare,
    fmt_s,
    have,
    med,
    run,
    skipped,
    verdict,
    version,
)
from _results import write_section


def drizzle_pull(url: str, tables: int) -> None:
    dk = have("drizzle-kit")
    if not dk:
        skipped("drizzle-kit pull", "tests/interop/node_modules has no drizzle-kit")
        return
    project = Path(tempfile.mkdtemp(prefix="pgshift-bench-dkpull-"))
    (project / "node_modules").symlink_to(REPO / "tests" / "interop" / "node_modules")
    (project / "drizzle.config.js").write_text(
        f"module.exports = {{ dialect: 'postgresql', out: './drizzle', dbCredentials: {{ url: {url!r} }} }};\n"
    )
    try:
        sample = run([dk, "pull"], project, timeout=1200)
        result = f"**{fmt_s(sample.wall)}** (CPU {fmt_s(sample.cpu)}, peak RSS {sample.rss:.0f} MiB)"
    except subprocess.TimeoutExpired:
        result = "did not finish within the 20-minute timeout"
    print(f"drizzle-kit pull: {result}", flush=True)
    write_section(
        "pull-drizzle",
        f"""## drizzle-kit pull of the {tables:,}-table database (measured once)

Command: `python bench/pull/run.py --drizzle-pull` ({version([dk, "--version"])}): `drizzle-kit pull` took {result}.
Run once, on its own (not by bench/run_all: it takes minutes).""",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=50 if QUICK else 1000)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 5)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    parser.add_argument("--drizzle-pull", action="store_true")
    args = parser.parse_args()
    url = bench_database(args.tables)
    if args.drizzle_pull:
        drizzle_pull(url, args.tables)
        return
    project = Path(tempfile.mkdtemp(prefix="pgshift-bench-pull-"))
    pgshift = have("pgshift") or "pgshift"
    commands = {
        "pgshift pull": lambda: run([pgshift, "pull", "--url", url, "--output", "models.py"], project),
    }
    codegen = have("sqlacodegen")
    sa_url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    if codegen:
        # Reflection follows the 1,000-table foreign-key ring recursively: it needs a deeper stack.
        launch = (
            "import sys; sys.setrecursionlimit(100_000); from sqlacodegen.cli import main; "
            f"sys.argv = ['sqlacodegen', {sa_url!r}, '--outfile', 'sa_models.py']; main()"
        )
        commands["sqlacodegen"] = lambda: run([PY, "-c", launch], project)
    else:
        skipped("sqlacodegen", "not installed (pip install -e '.[bench]')")

    def clean(label: str) -> None:
        if label == "pgshift pull":
            (project / "models.py").unlink(missing_ok=True)
            shutil.rmtree(project / "drizzle", ignore_errors=True)
        else:
            (project / "sa_models.py").unlink(missing_ok=True)

    results = compare(commands, args.runs, before_each=clean)
    assert (project / "models.py").read_text().count("class ") >= args.tables
    for label, samples in results.items():
        print(f"{label:16} median {fmt_s(med(samples))}  min {fmt_s(min(s.wall for s in samples))}  "
              f"cpu {fmt_s(med(samples, 'cpu'))}  rss {max(s.rss for s in samples):.0f} MiB", flush=True)  # fmt: skip
    shutil.rmtree(project, ignore_errors=True)
    if args.no_write:
        return
    rows = "\n".join(
        f"| `{label}` | {fmt_s(med(s))} | {fmt_s(min(x.wall for x in s))} | {fmt_s(med(s, 'cpu'))} | "
        f"{max(x.rss for x in s):.0f} MiB |"
        for label, s in results.items()
    )
    ours = med(results["pgshift pull"])
    lines = [f"- `pgshift pull` whole command: **{fmt_s(ours)}** (target < 1 s): {verdict(ours < 1)}"]
    if codegen:
        ratio = med(results["sqlacodegen"]) / ours
        lines.append(f"- sqlacodegen / pgshift: **{ratio:.1f}x** (target >= 5x): {verdict(ratio >= 5)}")
    versions = version([pgshift, "--version"]) + (
        f"; sqlacodegen {version([codegen, '--version'])}" if codegen else ""
    )
    body = f"""## pull: {args.tables:,}-table database to SQLAlchemy code

Command: `python bench/pull/run.py --tables {args.tables} --runs {args.runs}` (whole command, round-robin; {versions}).

| command | median wall | min wall | median CPU | peak RSS |
|---|---|---|---|---|
{rows}

{chr(10).join(lines)}"""
    write_section("pull", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
