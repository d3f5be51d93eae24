"""Benchmark: `pgshift generate` vs `drizzle-kit generate` on a 1,000-table schema, initial and one change.

    python bench/generate/run.py [--tables 1000] [--runs 11] [--no-write] [--memory 10000]

Both tools get the same schema (bench/generate/make_schema.py writes it as SQLAlchemy Core and as
Drizzle TypeScript). Timed round-robin in one run: the floor (`python -c "import schema"`: start
Python, import SQLAlchemy, build the user's MetaData — what any SQLAlchemy-based tool pays before it
does anything), pgshift's initial generate, drizzle-kit's initial generate, then one column type
changes and each tool generates that change (each run from the same folder state). pgshift's own
share is its whole command minus the floor, both medians of the same run.
``--memory N`` also reports pgshift's peak RSS for an initial generate of N tables (and of 1,000,
to show how it grows). Needs tests/interop/node_modules for drizzle-kit (skipped when missing).
Targets (issue 13): own share < 0.35 s on the change; ahead of drizzle-kit on the change and on the
initial generate.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from _common import (  # noqa: E402
    FLOOR,
    FLOOR_CODE,
    GC_OFF_FLOOR,
    PGSHIFT,
    PY,
    QUICK,
    REPO,
    compare,
    fmt_s,
    have,
    med,
    run,
    skipped,
    verdict,
    version,
)
from _results import write_section  # noqa: E402
from make_schema import write  # noqa: E402


def pgshift_cmd(name: str) -> list[str]:
    return [*PGSHIFT, "generate", "--schema", "schema.py:metadata", "--out", "drizzle", "--name", name]


def drizzle_cmd(dk: str, name: str) -> list[str]:
    return [
        dk,
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


def project(root: Path, label: str, tables: int, changed: bool) -> Path:
    folder = root / label
    write(folder, changed=changed, tables=tables)
    node_modules = REPO / "tests" / "interop" / "node_modules"
    if node_modules.exists():
        (folder / "node_modules").symlink_to(node_modules, target_is_directory=True)
    return folder


def memory(root: Path, tables: int) -> float:
    """Peak RSS (MiB) of pgshift's initial generate of ``tables`` tables."""
    folder = project(root, f"mem{tables}", tables, changed=False)
    return run(pgshift_cmd("init"), folder).rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=50 if QUICK else 1000)
    parser.add_argument("--runs", type=int, default=1 if QUICK else 11)
    parser.add_argument("--memory", type=int, default=0, help="also measure an initial generate of N tables")
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="pgshift-bench-gen-"))
    dk = have("drizzle-kit")
    if not dk:
        skipped(
            "drizzle-kit generate",
            "tests/interop/node_modules has no drizzle-kit (cd tests/interop && npm ci)",
        )

    # Initial generate: each run starts from an empty folder.
    init_pg = project(root, "init-pgshift", args.tables, changed=False)
    init_dk = project(root, "init-drizzle", args.tables, changed=False)
    initial = {"pgshift generate (initial)": lambda: run(pgshift_cmd("init"), init_pg)}
    if dk:
        initial["drizzle-kit generate (initial)"] = lambda: run(drizzle_cmd(dk, "init"), init_dk)

    def reset_initial(label: str) -> None:
        folder = init_pg if label.startswith("pgshift") else init_dk
        shutil.rmtree(folder / "drizzle", ignore_errors=True)

    # The change: each run starts from the folder the initial generate wrote.
    change_pg = project(root, "change-pgshift", args.tables, changed=False)
    change_dk = project(root, "change-drizzle", args.tables, changed=False)
    run(pgshift_cmd("init"), change_pg)
    if dk:
        run(drizzle_cmd(dk, "init"), change_dk)
    for folder in (change_pg, change_dk) if dk else (change_pg,):  # no drizzle-kit: its folder stays empty
        shutil.copytree(folder / "drizzle", folder / "pristine")
        write(folder, changed=True, tables=args.tables)
    floor_project = project(root, "floor", args.tables, changed=True)
    change = {
        **{label: partial(run, [PY, "-c", code], floor_project) for label, code in FLOOR_CODE.items()},
        "pgshift generate (change)": lambda: run(pgshift_cmd("change"), change_pg),
    }
    if dk:
        change["drizzle-kit generate (change)"] = lambda: run(drizzle_cmd(dk, "change"), change_dk)

    def reset_change(label: str) -> None:
        if label.startswith("floor"):
            return
        folder = change_pg if label.startswith("pgshift") else change_dk
        shutil.rmtree(folder / "drizzle", ignore_errors=True)
        shutil.copytree(folder / "pristine", folder / "drizzle")

    results = compare(initial, args.runs, before_each=reset_initial)
    results.update(compare(change, args.runs, before_each=reset_change))
    sql = next(p for p in (change_pg / "drizzle").glob("0001_*.sql") if not p.name.endswith(".down.sql"))
    assert "c_label" in sql.read_text(), sql.read_text()
    for label, samples in results.items():
        print(f"{label:36} median {fmt_s(med(samples))}  min {fmt_s(min(s.wall for s in samples))}  "
              f"cpu {fmt_s(med(samples, 'cpu'))}  rss {max(s.rss for s in samples):.0f} MiB", flush=True)  # fmt: skip
    mem: dict[int, float] = {}
    if args.memory:
        for n in sorted({args.tables, args.memory}):
            mem[n] = memory(root, n)
            print(f"pgshift generate (initial), {n:,} tables: peak RSS {mem[n]:.0f} MiB", flush=True)
    shutil.rmtree(root, ignore_errors=True)
    if args.no_write:
        return
    write_section("generate", report(results, mem, args, dk))
    print("wrote bench/RESULTS.md")


def report(results, mem, args, dk) -> str:  # type: ignore[no-untyped-def]
    rows = "\n".join(
        f"| `{label.partition(': ')[2] if label.startswith('floor') else label}` | {fmt_s(med(s))} | {fmt_s(min(x.wall for x in s))} | "
        f"{fmt_s(med(s, 'cpu'))} | {max(x.rss for x in s):.0f} MiB |"
        for label, s in results.items()
    )
    floor = med(results[FLOOR])
    ours = med(results["pgshift generate (change)"])
    own = ours - floor
    own_cpu = med(results["pgshift generate (change)"], "cpu") - med(results[FLOOR], "cpu")
    lines = [f"- pgshift's own share on the change (whole command minus the floor, medians): **{fmt_s(own)}** "
             f"(CPU: {fmt_s(own_cpu)}; target < 0.35 s): {verdict(own < 0.35)}"]  # fmt: skip
    # pgshift runs with the cyclic collector off and skips the teardown (bench/_common.FLOOR), which
    # makes the user's own code load and exit faster than in the floor: against a floor that does the
    # same, the rest is pgshift's own work.
    strict = ours - med(results[GC_OFF_FLOOR])
    lines.append(f"- the same against a floor without the collector or the teardown either (`{GC_OFF_FLOOR.partition(': ')[2]}`), "
                 f"which leaves only pgshift's own work: **{fmt_s(strict)}** (target < 0.35 s): {verdict(strict < 0.35)}")  # fmt: skip
    if dk:
        for what in ("change", "initial"):
            theirs, mine = (
                med(results[f"drizzle-kit generate ({what})"]),
                med(results[f"pgshift generate ({what})"]),
            )
            lines.append(f"- {what}: drizzle-kit / pgshift **{theirs / mine:.2f}x** (target > 1, pgshift ahead): "
                         f"{verdict(mine < theirs)}")  # fmt: skip
    if mem:
        small, big = min(mem), max(mem)
        growth = (mem[big] / mem[small]) / (big / small)
        lines.append(f"- Peak RSS of an initial generate: {small:,} tables {mem[small]:.0f} MiB, {big:,} tables "
                     f"**{mem[big]:.0f} MiB** ({mem[big] / mem[small]:.1f}x for {big // small}x the schema: "
                     f"target no faster than linear): {verdict(growth <= 1.05)}")  # fmt: skip
    versions = version([*PGSHIFT, "--version"]) + (f"; {version([dk, '--version'])}" if dk else "")
    return f"""## generate: {args.tables:,} tables / {args.tables * 10:,} columns / {args.tables * 2:,} indexes / {args.tables:,} foreign keys

Command: `python bench/generate/run.py --tables {args.tables} --runs {args.runs}{f" --memory {args.memory}" if args.memory else ""}`
(whole command, round-robin, {args.runs} runs each after a warm-up; the change alters one column's type; {versions}).

| command | median wall | min wall | median CPU | peak RSS |
|---|---|---|---|---|
{rows}

{chr(10).join(lines)}"""


if __name__ == "__main__":
    main()
