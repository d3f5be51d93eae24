"""Benchmark: `pgshift check` on 1,000 migration files of ~50 statements, against squawk on the same files.

    python bench/lint/run.py [--files 1000] [--statements 50] [--runs 3]

Writes its section of bench/RESULTS.md. Target: the whole pgshift command under 3 s. squawk
(PyPI `squawk-cli`) must be on PATH (it is installed into .venv for this benchmark).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _results import tool_version, write_section

TEMPLATES = (
    'CREATE TABLE "t{n}_{i}" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "name" text NOT NULL, '
    '"created_at" timestamptz DEFAULT now() NOT NULL);',
    'ALTER TABLE "users" ADD COLUMN "c{n}_{i}" text;',
    'ALTER TABLE "users" ADD COLUMN "d{n}_{i}" integer DEFAULT 0 NOT NULL;',
    'CREATE INDEX "users_c{n}_{i}_idx" ON "users" USING btree ("name");',
    'ALTER TABLE "orders" ADD CONSTRAINT "orders_u{n}_{i}_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") '
    "ON DELETE cascade ON UPDATE no action;",
    'ALTER TABLE "orders" ALTER COLUMN "note{i}" SET DATA TYPE varchar(200);',
    'UPDATE "orders" SET "status" = \'done\' WHERE "id" < {i};',
    'ALTER TABLE "orders" ALTER COLUMN "total{i}" SET NOT NULL;',
    'ALTER TABLE "users" DROP COLUMN "old{n}_{i}";',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "o{n}_{i}" ON "orders" ("created_at");',
)


def make_files(folder: Path, files: int, statements: int) -> int:
    rng = random.Random(42)
    total_bytes = 0
    for n in range(files):
        body = "\n--> statement-breakpoint\n".join(
            rng.choice(TEMPLATES).format(n=n, i=i) for i in range(statements)
        )
        text = body + "\n"
        (folder / f"{n:04d}_bench.sql").write_text(text)
        total_bytes += len(text)
    return total_bytes


def timed(cmd: list[str], runs: int) -> tuple[float, float, int, float]:
    """(median wall, min wall, exit code, median CPU seconds of the process and its children)."""
    times, cpus = [], []
    code = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = proc.returncode
    return statistics.median(times), min(times), code, statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pgshift = shutil.which("pgshift") or "pgshift"
    squawk = shutil.which("squawk")
    with tempfile.TemporaryDirectory(prefix="pgshift-bench-lint-") as tmp:
        folder = Path(tmp)
        size = make_files(folder, args.files, args.statements)
        files = sorted(str(p) for p in folder.glob("*.sql"))
        ours_cmd = [pgshift, "check", "--format", "json", str(folder)]
        ours = timed(ours_cmd, args.runs)
        findings = subprocess.run(ours_cmd, capture_output=True, text=True).stdout.count('"rule":')
        theirs = timed([squawk, "--reporter", "json", *files], args.runs) if squawk else None
    rows = [
        f"| `pgshift check --format json DIR` | {ours[0]:.2f} s | {ours[1]:.2f} s | {ours[3]:.2f} s | {findings:,} findings |"
    ]
    ratio = ""
    if theirs:
        rows.append(f"| `squawk --reporter json DIR/*.sql` ({tool_version([squawk, '--version'])}) | {theirs[0]:.2f} s | "
                    f"{theirs[1]:.2f} s | {theirs[3]:.2f} s | exit {theirs[2]} |")  # fmt: skip
        ratio = (f"\n\nRatio pgshift / squawk: {ours[0] / theirs[0]:.2f} (median wall), "
                 f"{ours[3] / theirs[3]:.2f} (CPU). pgshift lints files in a fork pool above 100 files.")  # fmt: skip
    verdict = "meets" if ours[0] < 3 else "MISSES"
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    body = (
        "## Lint: `pgshift check` on 1,000 files\n\n"
        f"Command: `python bench/lint/run.py --files {args.files} --statements {args.statements} --runs {args.runs}` "
        f"({args.files:,} files x {args.statements} statements, {size / 1e6:.1f} MB; whole process, wall clock).\n\n"
        "| command | median wall | min wall | median CPU | output |\n|---|---|---|---|---|\n" + "\n".join(rows) + ratio +
        f"\n\nTarget: whole command under 3 s — {verdict} it. Load average during the run: {load}."
    )  # fmt: skip
    print(body)
    write_section("lint", body)


if __name__ == "__main__":
    main()
