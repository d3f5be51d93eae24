"""Fault injection: SIGKILL of `pgshift migrate` at seeded random points, and the server ending the
session mid-run. Every rerun must converge to the schema of a clean run (``pg_dump -s``), with no
INVALID index and a tracking table whose rows are all complete.

The folder mixes every kind of group: transactional runs, an enum ADD VALUE used later in the same
file, ADD ... NOT VALID then VALIDATE, and concurrent index builds on a table big enough for a kill
to land inside them. After each kill the test ends the dead runner's server session, as
``client_connection_check_interval`` would a moment later (the server-side pg_terminate_backend
case), so each round costs milliseconds instead of seconds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.pgurls import pg_dump_binary

pytestmark = [pytest.mark.slow]

BP = "\n--> statement-breakpoint\n"
SEED = 20260530
MIN_KILLS = 20
KILLS_PER_ROUND = 8  # kills on one database before it is checked
TIME_BUDGET = 240.0  # seconds: the test stops starting rounds after this (a loaded machine gets fewer)

MIGRATIONS = {
    "0000_base": [
        "CREATE TYPE \"mood\" AS ENUM('a', 'b');",
        'CREATE TABLE "items" ("id" int PRIMARY KEY, "name" text NOT NULL, "mood" "mood" NOT NULL, "score" int);',
        "INSERT INTO \"items\" SELECT g, 'n' || g, 'a', g FROM generate_series(1, 300000) g;",
    ],
    "0001_mixed": [
        'ALTER TABLE "items" RENAME COLUMN "name" TO "title";',
        "ALTER TYPE \"mood\" ADD VALUE 'c';",
        'UPDATE "items" SET "mood" = \'c\' WHERE "id" % 10 = 0;',
        'CREATE INDEX CONCURRENTLY "items_title_idx" ON "items" ("title");',
        'ALTER TABLE "items" ADD CONSTRAINT "items_score_check" CHECK ("score" > 0) NOT VALID;',
        'ALTER TABLE "items" VALIDATE CONSTRAINT "items_score_check";',
        'CREATE INDEX CONCURRENTLY "items_score_idx" ON "items" ("score");',
        'CREATE TABLE "audit" ("id" bigserial PRIMARY KEY, "note" text);',
    ],
    "0002_more": [
        'CREATE UNIQUE INDEX CONCURRENTLY "items_id_mood_key" ON "items" ("id", "mood");',
        'ALTER TABLE "items" ADD COLUMN "note" text DEFAULT \'x\';',
        'DROP INDEX CONCURRENTLY "items_score_idx";',
        'INSERT INTO "audit" ("note") VALUES (\'done\');',
    ],
}


def write_folder(root: Path) -> Path:
    folder = root / "drizzle"
    (folder / "meta").mkdir(parents=True)
    entries = []
    for idx, (tag, statements) in enumerate(MIGRATIONS.items()):
        (folder / f"{tag}.sql").write_text(BP.join(statements))
        entries.append(
            {"idx": idx, "version": "7", "when": 1795351400000 + idx, "tag": tag, "breakpoints": True}
        )
    (folder / "meta" / "_journal.json").write_text(
        json.dumps({"version": "7", "dialect": "postgresql", "entries": entries})
    )
    return folder


def start(url: str, folder: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.Popen(
        [sys.executable, "-m", "pgshift", "migrate", "--url", url, "--out", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def end_sessions(url: str) -> None:
    """What the server does once it notices the client is gone: end the runner's sessions."""
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(200):
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name LIKE 'pgshift%' AND pid <> pg_backend_pid()"
            ).fetchall()
            if not rows:
                return
            time.sleep(0.02)


def dump(url: str) -> str:
    out = subprocess.run(
        [pg_dump_binary(url), "-s", "--no-owner", url], capture_output=True, text=True, check=True
    ).stdout
    # \restrict lines carry a random key per dump (pg_dump 13.22+/17.6+); the rest is the schema.
    return "\n".join(
        line for line in out.splitlines() if not line.startswith(("-- Dumped", "\\restrict", "\\unrestrict"))
    )


def observe(url: str) -> str:
    """A short description of how far the killed run got (for the spread assertion)."""
    with psycopg.connect(url) as conn:
        try:
            rows = conn.execute(
                'SELECT name, groups_done, group_running FROM "drizzle"."__drizzle_migrations" ORDER BY id'
            ).fetchall()
        except psycopg.errors.UndefinedTable:
            return "nothing"
        invalid = conn.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid").fetchone()
    parts = [f"{n}:{'done' if d is None else f'{d}+{r}'}" for n, d, r in rows]
    return " ".join(parts) + (f" invalid={invalid[0]}" if invalid and invalid[0] else "")


def check_converged(url: str, reference: str) -> None:
    assert dump(url) == reference
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid").fetchone() == (0,)
        rows = conn.execute(
            'SELECT name, created_at, groups_done, group_running FROM "drizzle"."__drizzle_migrations" ORDER BY id'
        ).fetchall()
        assert rows == [(tag, 1795351400000 + i, None, None) for i, tag in enumerate(MIGRATIONS)]
        # Data: each statement ran exactly once.
        assert conn.execute("SELECT count(*) FROM items WHERE mood = 'c'").fetchone() == (30000,)
        assert conn.execute("SELECT count(*), min(note) FROM audit").fetchone() == (1, "done")


def test_sigkill_at_random_points_always_converges(tmp_path: Path, make_db: Callable[[], str]) -> None:
    folder = write_folder(tmp_path)
    clean = make_db()
    began = time.monotonic()
    proc = start(clean, folder)
    _, err = proc.communicate(timeout=120)
    duration = time.monotonic() - began
    assert proc.returncode == 0, err
    reference = dump(clean)
    check_converged(clean, reference)
    print(f"clean run: {duration:.2f}s")

    rng = random.Random(SEED)
    kills: list[tuple[int, float, str]] = []
    states: set[str] = set()  # where the kills left the database
    round_number = 0
    deadline = time.monotonic() + TIME_BUDGET
    while sum(1 for k in kills if k[2] == "killed") < MIN_KILLS and time.monotonic() < deadline:
        round_number += 1
        url = make_db()
        for _ in range(KILLS_PER_ROUND):
            proc = start(url, folder)
            delay = rng.uniform(0.05, duration * 0.8)  # the process start is part of the window
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills.append((round_number, round(delay, 3), "killed"))
            else:
                kills.append((round_number, round(delay, 3), f"finished rc={proc.returncode}"))
                assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
                break  # this database is migrated; the next round starts afresh
            end_sessions(url)
            states.add(observe(url))
        proc = start(url, folder)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{err}\nkills: {kills}"
        check_converged(url, reference)
    assert sum(1 for k in kills if k[2] == "killed") >= MIN_KILLS, kills
    # The kills landed at different stages: not all before the first statement, not all after the last.
    assert len(states) >= 4, states
    print("kill points left:", sorted(states))


def test_server_terminating_the_session_mid_run_converges(tmp_path: Path, make_db: Callable[[], str]) -> None:
    """pg_terminate_backend of the runner's session at seeded points; the runner exits 2, the rerun converges."""
    folder = write_folder(tmp_path)
    clean = make_db()
    proc = start(clean, folder)
    assert proc.wait(timeout=120) == 0
    reference = dump(clean)
    rng = random.Random(SEED + 1)
    url = make_db()
    outcomes: list[Any] = []
    for _ in range(6):
        proc = start(url, folder)
        time.sleep(rng.uniform(0.3, 2.0))
        end_sessions(url)
        _, err = proc.communicate(timeout=120)
        outcomes.append(proc.returncode)
        if proc.returncode:
            assert "Traceback" not in err, err
    proc = start(url, folder)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    check_converged(url, reference)
