"""What every benchmark shares: timing a whole process (wall, CPU, peak RSS), peers side by side, context.

Commands are timed round-robin (pgshift, peer, floor, pgshift, peer, floor, ...) after one warm-up
each, so a burst of load on this 2-core machine hits every tool alike; medians are reported with the
load average of the run. Python children run with bytecode caching on (this environment sets
PYTHONDONTWRITEBYTECODE, which no user's shell does): otherwise every run would recompile SQLAlchemy
and psycopg and the floor would measure the compiler.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
NODE_BIN = REPO / "tests" / "interop" / "node_modules" / ".bin"
DRIZZLE_KIT = NODE_BIN / "drizzle-kit"
SERVER = os.environ.get("PGSHIFT_BENCH_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PY = sys.executable
PGSHIFT = [PY, "-m", "pgshift"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
QUICK = os.environ.get("PGSHIFT_BENCH_QUICK") == "1"
# The floor of a command that loads SQLAlchemy schema code: Python, SQLAlchemy and the user's MetaData
# (issue 13's definition). pgshift's command line runs with the cyclic collector off and ends without
# the interpreter's teardown (pgshift.gcpause, pgshift.cli.run), which makes that same loading and exit
# cheaper than in the floor; the second floor does both too, so that pgshift's own work shows alone.
FLOOR = "floor: python -c 'import schema'"
GC_OFF_FLOOR = (
    "floor, no collector or teardown: python -c 'import gc, os; gc.disable(); import schema; os._exit(0)'"
)
FLOOR_CODE = {FLOOR: "import schema", GC_OFF_FLOOR: "import gc, os; gc.disable(); import schema; os._exit(0)"}
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None  # GNU time, for peak RSS


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    rss: float  # peak resident set size, MiB (largest process of the tree)
    code: int
    out: str


def run(
    cmd: Sequence[str],
    cwd: Path | None = None,
    *,
    ok: Sequence[int] = (0,),
    stdin: str | None = None,
    timeout: float | None = None,
) -> Sample:
    """Run ``cmd`` to completion: wall clock, CPU and peak RSS of its process tree from wait4."""
    import tempfile

    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as feed,
        tempfile.NamedTemporaryFile("r") as rss_file,
    ):
        if stdin is not None:
            feed.write(stdin)
            feed.seek(0)
        # Peak RSS through GNU time when present: a child spawned straight from this (large) process
        # inherits its high-water mark across exec, which would put a floor under every figure.
        wrapper = [TIME, "-f", "%M", "-o", rss_file.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*wrapper, *cmd], cwd=cwd, env=ENV, stdin=feed, stdout=out, stderr=subprocess.STDOUT
        )
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise subprocess.TimeoutExpired(list(cmd), timeout or 0)
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
        rss = usage.ru_maxrss / 1024
        if TIME:
            reported = rss_file.read().split()
            rss = int(reported[-1]) / 1024 if reported and reported[-1].isdigit() else rss
            if code and text.startswith("Command exited with non-zero status"):
                text = text.split("\n", 1)[-1]
    if code not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd))} exited {code} in {cwd}:\n{text[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss, code, text)


def compare(
    commands: dict[str, Callable[[], Sample]], runs: int, *, before_each: Callable[[str], None] | None = None
) -> dict[str, list[Sample]]:
    """Round-robin ``runs`` timed runs of each command after one untimed warm-up of each (none in quick mode)."""
    out: dict[str, list[Sample]] = {label: [] for label in commands}
    for label, fn in commands.items() if not QUICK else ():
        if before_each:
            before_each(label)
        fn()
    for _ in range(runs):
        for label, fn in commands.items():
            if before_each:
                before_each(label)
            out[label].append(fn())
    return out


def med(samples: list[Sample], attr: str = "wall") -> float:
    return statistics.median(getattr(s, attr) for s in samples)


def low(samples: list[Sample]) -> float:
    return min(s.wall for s in samples)


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def version(cmd: Sequence[str]) -> str:
    try:
        proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60, env=ENV)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (proc.stdout or proc.stderr).strip().splitlines()
    return ", ".join(line.strip() for line in text if line.strip()) or "unknown"


def have(tool: str) -> str | None:
    """Path of a peer tool (in .venv/bin, node_modules/.bin or on PATH), or None when missing."""
    for folder in (Path(sys.executable).parent, NODE_BIN):
        if (folder / tool).exists():
            return str(folder / tool)
    return shutil.which(tool)


def skipped(what: str, why: str) -> None:
    print(f"SKIPPED {what}: {why}", flush=True)


def db_url(name: str) -> str:
    sys.path.insert(0, str(REPO))
    from tests.pgurls import with_dbname

    return str(with_dbname(SERVER, name))


def fresh_database(name: str) -> str:
    """Drop and create database ``name``; its URL."""
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return db_url(name)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def bench_database(tables: int, name: str | None = None) -> str:
    """URL of a database holding bench/generate's schema of ``tables`` tables (created once, then reused).

    ``name`` picks another database than the shared one (bench/objects adds its objects to its own copy).
    """
    import psycopg

    sys.path.insert(0, str(BENCH / "generate"))
    from make_schema import python_schema

    if name is None:
        name = "pgshift_bench_introspect" if tables == 1000 else f"pgshift_bench_introspect_{tables}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    url = db_url(name)
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        if row is None or row[0] != tables:
            print(f"creating {tables:,} tables in {name} ...", flush=True)
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                schema = Path(tmp) / "schema.py"
                schema.write_text(python_schema(changed=False, tables=tables))
                sql = run([*PGSHIFT, "export", "--schema", f"{schema}:metadata"], Path(tmp)).out
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            statements = [s for s in sql.split("--> statement-breakpoint") if s.strip()]
            for start in range(
                0, len(statements), 500
            ):  # 10,000 tables overflow one transaction's lock table
                with conn.transaction():
                    for statement in statements[start : start + 500]:
                        conn.execute(statement)  # type: ignore[call-overload]
            conn.execute("ANALYZE")
    return url
