"""Benchmark: `pgshift check` on 1,000 migration files of ~50 statements, against squawk on the same files.

    python bench/lint/run.py [--files 1000] [--statements 50] [--runs 11]

Writes its section of bench/RESULTS.md. Target (issue 13): at least as fast as squawk (PyPI
`squawk-cli`, the `bench` extra) on the same files in the same run, wall and CPU; skipped when missing.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _common import QUICK, compare, fmt_s, have, med, run, skipped, verdict, version
from _results import write_section

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20 if QUICK else 1000)
    parser.add_argument("--statements", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 11)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()
    pgshift = have("pgshift") or "pgshift"
    squawk = have("squawk")
    with tempfile.TemporaryDirectory(prefix="pgshift-bench-lint-") as tmp:
        folder = Path(tmp)
        size = make_files(folder, args.files, args.statements)
        files = sorted(str(p) for p in folder.glob("*.sql"))
        commands = {
            "pgshift check --format json DIR": lambda: run(
                [pgshift, "check", "--format", "json", str(folder)], ok=(0, 1)
            )
        }
        if squawk:
            commands["squawk --reporter json DIR/*.sql"] = lambda: run(
                [squawk, "--reporter", "json", *files], ok=(0, 1)
            )
        else:
            skipped("squawk", "squawk-cli is not installed (pip install -e '.[bench]')")
        results = compare(commands, args.runs)
    findings = results["pgshift check --format json DIR"][-1].out.count('"rule":')
    assert findings > 0
    for label, samples in results.items():
        print(f"{label:36} median {fmt_s(med(samples))}  min {fmt_s(min(s.wall for s in samples))}  "
              f"cpu {fmt_s(med(samples, 'cpu'))}  rss {max(s.rss for s in samples):.0f} MiB", flush=True)  # fmt: skip
    if args.no_write:
        return
    rows = "\n".join(
        f"| `{label}` | {fmt_s(med(s))} | {fmt_s(min(x.wall for x in s))} | {fmt_s(med(s, 'cpu'))} | "
        f"{max(x.rss for x in s):.0f} MiB |"
        for label, s in results.items()
    )
    lines = [f"pgshift reports {findings:,} findings."]
    if squawk:
        ours, theirs = results["pgshift check --format json DIR"], results["squawk --reporter json DIR/*.sql"]
        wall, cpu = med(ours) / med(theirs), med(ours, "cpu") / med(theirs, "cpu")
        lines.append(f"- pgshift / squawk wall: **{wall:.2f}** (target <= 1): {verdict(wall <= 1)}")
        lines.append(f"- pgshift / squawk CPU: **{cpu:.2f}** (target <= 1): {verdict(cpu <= 1)}")
    versions = version([pgshift, "--version"]) + (f"; {version([squawk, '--version'])}" if squawk else "")
    body = (
        "## Lint: `pgshift check` on 1,000 files\n\n"
        f"Command: `python bench/lint/run.py --files {args.files} --statements {args.statements} --runs {args.runs}` "
        f"({args.files:,} files x {args.statements} statements, {size / 1e6:.1f} MB; whole process, round-robin; {versions}).\n\n"
        "| command | median wall | min wall | median CPU | peak RSS |\n|---|---|---|---|---|\n" + rows + "\n\n" + "\n".join(lines)
    )  # fmt: skip
    write_section("lint", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
