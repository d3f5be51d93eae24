"""Benchmark: `pgshift --help` start-up time, beside `drizzle-kit --help`, in the same run.

    python bench/startup/run.py [--runs 20]

Target (issue "pgshift generate"): pgshift --help under 150 ms, importing neither SQLAlchemy nor psycopg.
Whole-process wall clock; the median of --runs runs after one warm-up run each.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parents[1]
sys.path.insert(0, str(BENCH.parent))

from _common import QUICK  # noqa: E402
from _results import write_section  # noqa: E402

DRIZZLE_KIT = REPO / "tests" / "interop" / "node_modules" / ".bin" / "drizzle-kit"


def measure(cmd: list[str], runs: int) -> list[float]:
    subprocess.run(cmd, capture_output=True, check=True)  # warm-up: page cache, .pyc files
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2 if QUICK else 20)
    parser.add_argument("--no-write", action="store_true", default=QUICK)
    args = parser.parse_args()

    pgshift_exe = shutil.which("pgshift", path=str(Path(sys.executable).parent)) or "pgshift"
    commands = {"pgshift --help": [pgshift_exe, "--help"]}
    if DRIZZLE_KIT.exists():
        commands["drizzle-kit --help"] = [str(DRIZZLE_KIT), "--help"]
    rows = []
    for label, cmd in commands.items():
        times = measure(cmd, args.runs)
        med, low = statistics.median(times) * 1000, min(times) * 1000
        print(f"{label:20} median {med:.0f} ms, min {low:.0f} ms over {args.runs} runs")
        rows.append(f"| `{label}` | {med:.0f} ms | {low:.0f} ms |")
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pgshift.cli import cli; "
            "cli.main(['--help'], standalone_mode=False); "
            "print('LOADED', sorted(m for m in ('sqlalchemy', 'psycopg', 'rich', 'postgast') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
    )
    loaded = probe.stdout.strip().splitlines()[-1]
    print(loaded)
    if args.no_write:
        return
    body = (
        "## CLI start-up: `pgshift --help`\n\n"
        f"Command: `python bench/startup/run.py --runs {args.runs}` (whole process, wall clock).\n\n"
        "| command | median | min |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
        f"Heavy modules imported by `--help`: `{loaded}`. Target: pgshift --help < 150 ms."
    )
    write_section("startup", body)
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
