"""Benchmark: `pgshift generate` vs `drizzle-kit generate` on a 1,000-table schema with one change.

    python bench/generate/run.py [--runs 5]

Both tools get the same schema (bench/generate/make_schema.py writes it as SQLAlchemy Core and as Drizzle
TypeScript), both first generate the initial migration (timed too, for information), then one column type
changes and each tool's whole command is timed generating the migration for that change. Each timed run
starts from the same folder state. Needs tests/interop/node_modules (scripts/test.sh installs it).
Targets (issue "pgshift generate"): whole command < 1.5 s, and >= 3x faster than drizzle-kit.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parents[1]
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from _results import tool_version, write_section  # noqa: E402
from make_schema import write  # noqa: E402

PGSHIFT = [sys.executable, "-m", "pgshift"]
DRIZZLE_KIT = REPO / "tests" / "interop" / "node_modules" / ".bin" / "drizzle-kit"


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def pgshift_cmd(name: str) -> list[str]:
    return [*PGSHIFT, "generate", "--schema", "schema.py:metadata", "--out", "drizzle", "--name", name]


def drizzle_cmd(name: str) -> list[str]:
    return [
        str(DRIZZLE_KIT),
        "generate",
        "--dialect",
        "postgresql",
        "--schema",
        "./schema.ts",
        "--out",
        "./drizzle",
        "--name",
        name,
    ]


def run_tool(label: str, cmd_for, project: Path, runs: int) -> tuple[float, list[float], str]:
    """Initial generate (timed once), then ``runs`` timed generates of the one-column change."""
    initial = timed(cmd_for("init"), project)
    write(project / "_v2", changed=True)
    suffix = ".py" if label == "pgshift" else ".ts"
    shutil.copy(project / "_v2" / f"schema{suffix}", project / f"schema{suffix}")
    pristine = project / "_drizzle_after_init"
    shutil.copytree(project / "drizzle", pristine)
    times = []
    for _ in range(runs):
        shutil.rmtree(project / "drizzle")
        shutil.copytree(pristine, project / "drizzle")
        times.append(timed(cmd_for("change"), project))
    sql = next(
        p for p in (project / "drizzle").glob("0001_*.sql") if not p.name.endswith(".down.sql")
    ).read_text()
    return initial, times, sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only; do not update bench/RESULTS.md")
    args = parser.parse_args()
    if not DRIZZLE_KIT.exists():
        raise SystemExit("drizzle-kit is not installed: cd tests/interop && npm ci")

    root = Path(tempfile.mkdtemp(prefix="pgshift-bench-gen-"))
    results = {}
    for label, cmd_for in (("pgshift", pgshift_cmd), ("drizzle-kit", drizzle_cmd)):
        project = root / label
        write(project, changed=False)
        if label == "drizzle-kit":
            (project / "node_modules").symlink_to(DRIZZLE_KIT.parents[1], target_is_directory=True)
        results[label] = run_tool(label, cmd_for, project, args.runs)
        initial, times, sql = results[label]
        print(
            f"{label:12} initial {initial:.2f}s; change: median {statistics.median(times):.2f}s "
            f"min {min(times):.2f}s over {len(times)} runs"
        )
        print("   change SQL:", " | ".join(line for line in sql.splitlines() if line.strip())[:300])

    # The floor for any SQLAlchemy-based tool: start Python, import SQLAlchemy, build the user's MetaData.
    floor_project = root / "floor"
    write(floor_project, changed=True)
    floor_cmd = [sys.executable, "-c", "import schema"]
    timed(floor_cmd, floor_project)  # compile and cache the .pyc, as generate's runs had
    floor = statistics.median(timed(floor_cmd, floor_project) for _ in range(args.runs))
    print(f"floor: python -c 'import schema' (SQLAlchemy import + MetaData build) median {floor:.2f}s")

    pg_med = statistics.median(results["pgshift"][1])
    dk_med = statistics.median(results["drizzle-kit"][1])
    ratio = dk_med / pg_med
    print(f"ratio drizzle-kit / pgshift (median, change): {ratio:.1f}x")
    shutil.rmtree(root, ignore_errors=True)
    if args.no_write:
        return
    rows = "\n".join(
        f"| {label} | {results[label][0]:.2f} s | {statistics.median(results[label][1]):.2f} s | "
        f"{min(results[label][1]):.2f} s |"
        for label in ("pgshift", "drizzle-kit")
    )
    body = f"""## generate: 1,000 tables / 10,000 columns / 2,000 indexes / 1,000 foreign keys

Command: `python bench/generate/run.py --runs {args.runs}` (whole command, wall clock, {args.runs} runs of the
one-column change each; {tool_version([*PGSHIFT, "--version"])}; {tool_version([str(DRIZZLE_KIT), "--version"])}).

| tool | initial generate | change: median | change: min |
|---|---|---|---|
{rows}

drizzle-kit / pgshift on the change (median): **{ratio:.1f}x**. Targets: pgshift < 1.5 s, >= 3x faster than drizzle-kit.

Floor measured in the same run: `python -c "import schema"` — starting Python, importing SQLAlchemy and letting
it build the 1,000-table MetaData, before pgshift does anything — takes **{floor:.2f} s** (median). pgshift's own
work (convert, read the previous snapshot, diff, write files, lint the new file) is the remaining
{pg_med - floor:.2f} s."""
    write_section("generate", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
