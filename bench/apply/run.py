"""Benchmark: applying 200 migrations to an empty database, `pgshift migrate` against `psql`.

    python bench/apply/run.py [--migrations 200] [--runs 9] [--no-write]

The 200 migrations are bench/_folder.py's (each the statements generate writes for a new table: the
table with an identity key, a check and defaults, an index, a foreign key to the previous table).
psql runs the same files in one session, each file in its own transaction (``BEGIN; \\i file;
COMMIT;``): the same 200 transactions pgshift runs, without pgshift's bookkeeping (advisory lock,
tracking rows, checksums, parse for transaction mode, lock_timeout). Each run starts on a freshly
created database. Target (issue 13): pgshift within 1.5x of psql (median wall).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import QUICK, compare, fmt_s, fresh_database, have, med, run, skipped, verdict, version
from _folder import write_folder
from _results import write_section

DB = "pgshift_bench_apply"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--migrations", type=int, default=20 if QUICK else 200)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 9)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()

    project = Path(tempfile.mkdtemp(prefix="pgshift-bench-apply-"))
    tags = write_folder(project / "drizzle", args.migrations)
    pgshift = have("pgshift") or "pgshift"
    psql = have("psql")
    url = fresh_database(DB)
    (project / "pgshift.toml").write_text(f'out = "drizzle"\nurl = "{url}"\n')
    script = "".join(f"BEGIN;\n\\i drizzle/{tag}.sql\nCOMMIT;\n" for tag in tags)
    (project / "all.psql").write_text(script)

    commands = {"pgshift migrate": lambda: run([pgshift, "migrate"], project)}
    if psql:
        commands["psql (one session, a transaction per file)"] = lambda: run(
            [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", "all.psql"], project
        )
    else:
        skipped("psql", "not on PATH")
    results = compare(commands, args.runs, before_each=lambda _label: fresh_database(DB))
    applied = results["pgshift migrate"][-1].out
    assert f"applied {args.migrations} migration(s)" in applied, applied
    for label, samples in results.items():
        print(f"{label:46} median {fmt_s(med(samples))}  min {fmt_s(min(s.wall for s in samples))}  "
              f"cpu {fmt_s(med(samples, 'cpu'))}  rss {max(s.rss for s in samples):.0f} MiB", flush=True)  # fmt: skip
    if args.no_write or not psql:
        return
    ours, theirs = med(results["pgshift migrate"]), med(results["psql (one session, a transaction per file)"])
    rows = "\n".join(
        f"| {label} | {fmt_s(med(s))} | {fmt_s(min(x.wall for x in s))} | {fmt_s(med(s, 'cpu'))} | "
        f"{max(x.rss for x in s):.0f} MiB |"
        for label, s in results.items()
    )
    body = f"""## Applying {args.migrations} migrations to an empty database

Command: `python bench/apply/run.py --migrations {args.migrations} --runs {args.runs}` (whole process, round-robin,
a fresh database before every run; {version([pgshift, "--version"])}; {version([psql, "--version"])}).

| command | median wall | min wall | median CPU (client) | peak RSS |
|---|---|---|---|---|
{rows}

- pgshift / psql: **{ours / theirs:.2f}x** (target <= 1.5x): {verdict(ours <= 1.5 * theirs)}"""
    write_section("apply", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
