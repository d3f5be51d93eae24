"""Benchmark: `pgshift push` with no changes on the 1,000-table schema, against its floor; memory growth.

    python bench/push/run.py [--tables 1000] [--runs 11] [--memory 10000] [--no-write]

The database holds bench/generate's schema (bench/_common.bench_database) and the schema module is the
same schema as SQLAlchemy code, so push must find no changes. Timed round-robin: the floor
(`python -c "import schema"`: Python + SQLAlchemy building the user's MetaData) and `pgshift push`.
``--memory N`` also measures the peak RSS of introspecting N tables and of 1,000 (one process each,
``introspect()`` as push calls it) to show how memory grows with the schema.
Target (issue 13): push within floor + 0.4 s (medians of the same run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "generate"))

from _common import (
    FLOOR,
    FLOOR_CODE,
    GC_OFF_FLOOR,
    PY,
    QUICK,
    bench_database,
    compare,
    fmt_s,
    have,
    med,
    run,
    verdict,
    version,
)
from _results import write_section
from make_schema import python_schema

INTROSPECT = """
import sys, psycopg
from pgshift.sources.introspect import introspect
url = sys.argv[1]
with psycopg.connect(url) as conn:
    model = introspect(conn, url=url)
print(len(model.tables))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=50 if QUICK else 1000)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 11)
    parser.add_argument("--memory", type=int, default=0)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()
    url = bench_database(args.tables)
    project = Path(tempfile.mkdtemp(prefix="pgshift-bench-push-"))
    (project / "schema.py").write_text(python_schema(changed=False, tables=args.tables))
    pgshift = have("pgshift") or "pgshift"
    commands = {
        **{label: partial(run, [PY, "-c", code], project) for label, code in FLOOR_CODE.items()},
        "pgshift push (no changes)": lambda: run(
            [pgshift, "push", "--schema", "schema.py:metadata", "--url", url], project
        ),
    }
    results = compare(commands, args.runs)
    out = results["pgshift push (no changes)"][-1].out
    assert "No changes" in out, out
    for label, samples in results.items():
        print(f"{label:36} median {fmt_s(med(samples))}  min {fmt_s(min(s.wall for s in samples))}  "
              f"cpu {fmt_s(med(samples, 'cpu'))}  rss {max(s.rss for s in samples):.0f} MiB", flush=True)  # fmt: skip
    mem: dict[int, float] = {}
    if args.memory:
        for n in sorted({args.tables, args.memory}):
            sample = run([PY, "-c", INTROSPECT, bench_database(n)], project)
            assert sample.out.strip().endswith(str(n)), sample.out
            mem[n] = sample.rss
            print(
                f"introspect() of {n:,} tables: {fmt_s(sample.wall)}, peak RSS {sample.rss:.0f} MiB",
                flush=True,
            )
    if args.no_write:
        return
    floor, ours = med(results[FLOOR]), med(results["pgshift push (no changes)"])
    rows = "\n".join(
        f"| `{label.partition(': ')[2] if label.startswith('floor') else label}` | {fmt_s(med(s))} | {fmt_s(min(x.wall for x in s))} | "
        f"{fmt_s(med(s, 'cpu'))} | {max(x.rss for x in s):.0f} MiB |"
        for label, s in results.items()
    )
    cpu = med(results["pgshift push (no changes)"], "cpu") - med(results[FLOOR], "cpu")
    lines = [f"- push - floor: **{fmt_s(ours - floor)}** wall (CPU {fmt_s(cpu)}; target <= 0.4 s): "
             f"{verdict(ours - floor <= 0.4)}"]  # fmt: skip
    strict = ours - med(results[GC_OFF_FLOOR])
    lines.append(f"- the same against a floor without the collector or the teardown either (`{GC_OFF_FLOOR.partition(': ')[2]}`), "
                 f"which leaves only pgshift's own work: **{fmt_s(strict)}** (target <= 0.4 s): {verdict(strict <= 0.4)}")  # fmt: skip
    if mem:
        small, big = min(mem), max(mem)
        growth = (mem[big] / mem[small]) / (big / small)
        lines.append(f"- Peak RSS of introspection (one process): {small:,} tables {mem[small]:.0f} MiB, {big:,} tables "
                     f"**{mem[big]:.0f} MiB** ({mem[big] / mem[small]:.1f}x for {big // small}x the schema: "
                     f"target no faster than linear): {verdict(growth <= 1.05)}")  # fmt: skip
    body = f"""## push with no changes: {args.tables:,} tables

Command: `python bench/push/run.py --tables {args.tables} --runs {args.runs}{f" --memory {args.memory}" if args.memory else ""}`
(whole command, round-robin, {args.runs} runs each after a warm-up; {version([pgshift, "--version"])}).

| command | median wall | min wall | median CPU | peak RSS |
|---|---|---|---|---|
{rows}

{chr(10).join(lines)}"""
    write_section("push", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
