"""Many runners at once, a runner killed mid-migration, a lock held by someone else.

Real processes against the real server: these are the failures drizzle-orm's migrator has (no lock,
one transaction for everything) and the reason pgshift's lock is session-level and polled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from pgshift.api import migrate as api
from pgshift.runner.lock import lock_key
from pgshift.runner.run import MigrationError
from tests.test_runner_support import applied_names, copy_folder, run_cli, table_exists

# Every process imports pgshift first, then waits for the same wall-clock instant (a barrier across
# processes), then runs the CLI.
STARTER = (
    "import sys, time\n"
    "from pgshift.cli import main\n"
    "import pgshift.runner.run, pgshift.commands.migrate\n"
    "start = float(sys.argv[1])\n"
    "time.sleep(max(0.0, start - time.time()))\n"
    "main(sys.argv[2:])\n"
)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


def test_eight_processes_at_once_apply_each_migration_exactly_once(tmp_path, db_url, db):
    folder = copy_folder("counter", tmp_path)
    # Hold the lock long enough that every other runner, however late the machine lets it start,
    # finds it taken and has to wait.
    first = folder / "0000_counter.sql"
    first.write_text(first.read_text() + "\n--> statement-breakpoint\nSELECT pg_sleep(3);")
    start = time.time() + 3.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, str(start), "migrate", "--url", db_url, "--out", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=tmp_path,
        )
        for _ in range(8)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0] * 8, [r[1] for r in results]
    # Each migration's INSERT ran once; each migration has one tracking row.
    notes = [r[0] for r in db.execute('SELECT note FROM "runs" ORDER BY id').fetchall()]
    assert notes == ["0000", "0001", "0002"]
    assert applied_names(db) == ["0000_counter", "0001_more", "0002_last"]
    appliers = [err for _out, err in results if "applied 3 migration(s)" in err]
    idle = [err for _out, err in results if "nothing to migrate" in err]
    assert len(appliers) == 1 and len(idle) == 7
    assert all("waiting for the migration lock held by pid" in err for err in idle)


def _wait_for(predicate, timeout: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def test_runner_killed_mid_migration_leaves_consistent_state(tmp_path, db_url, db):
    folder = copy_folder("slow", tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgshift", "migrate", "--url", db_url, "--out", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    try:
        _wait_for(
            lambda: (
                db.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgshift' "
                    "AND query LIKE 'SELECT pg_sleep(30)%%'"
                ).fetchone()[0]
                == 1
            ),
            30,
            "the migration to reach pg_sleep",
        )
        # Mid-migration: its first DDL ran inside the open transaction.
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    # The server notices the dead client (client_connection_check_interval) well before pg_sleep ends,
    # rolls the transaction back and frees the session lock.
    key = lock_key("drizzle", "__drizzle_migrations")
    classid, objid = (key & 0xFFFFFFFFFFFFFFFF) >> 32, key & 0xFFFFFFFF
    waited = _wait_for(
        lambda: (
            db.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s AND objid = %s",
                (classid, objid),
            ).fetchone()[0]
            == 0
        ),
        20,
        "the killed runner's lock to be released",
    )
    assert waited < 15
    assert table_exists(db, "first")
    assert not table_exists(db, "half")  # nothing of the half-applied migration
    assert applied_names(db) == ["0000_first"]

    sleepy = folder / "0001_sleepy.sql"
    sleepy.write_text(sleepy.read_text().replace("pg_sleep(30)", "pg_sleep(0)"))
    done = run_cli("migrate", "--url", db_url, "--out", str(folder), "--lock-wait", "5")
    assert done.returncode == 0, done.stderr
    assert db.execute('SELECT count(*) FROM "half"').fetchone()[0] == 1
    assert table_exists(db, "after_sleep")
    assert applied_names(db) == ["0000_first", "0001_sleepy"]


def test_lock_wait_bounded_and_names_the_holder(tmp_path, db_url, db):
    folder = copy_folder("counter", tmp_path)
    holder = psycopg.connect(db_url, autocommit=True, application_name="long-deploy")
    try:
        holder.execute("SELECT pg_advisory_lock(%s)", (lock_key("drizzle", "__drizzle_migrations"),))
        pid = holder.info.backend_pid
        proc = run_cli("migrate", "--url", db_url, "--out", str(folder), "--lock-wait", "1")
        assert proc.returncode == 2
        assert "another session holds the migration lock; gave up after waiting" in proc.stderr
        assert f"pid {pid}, application 'long-deploy'" in proc.stderr
        assert f"pg_terminate_backend({pid})" in proc.stderr
        assert not table_exists(db, "runs")
    finally:
        holder.close()
    assert run_cli("migrate", "--url", db_url, "--out", str(folder), "--lock-wait", "5").returncode == 0


def test_lock_timeout_is_retried_until_the_conflicting_lock_goes(tmp_path, db_url, db):
    folder = copy_folder("counter", tmp_path)
    api.migrate(db_url, folder, to="0000_counter")
    blocker = psycopg.connect(db_url)
    blocker.execute('LOCK TABLE "runs" IN ACCESS EXCLUSIVE MODE')  # a long transaction holding the table
    timer = threading.Timer(1.5, blocker.rollback)
    timer.start()
    try:
        started = time.monotonic()
        result = api.migrate(db_url, folder, lock_timeout="200ms", retries=6)
        elapsed = time.monotonic() - started
    finally:
        timer.cancel()
        blocker.close()
    assert result.applied_tags == ["0001_more", "0002_last"]
    assert result.applied[0].retries >= 1  # it timed out at least once, then went through
    assert elapsed >= 1.0
    assert [r[0] for r in db.execute('SELECT note FROM "runs" ORDER BY id').fetchall()] == [
        "0000",
        "0001",
        "0002",
    ]


def test_lock_timeout_retries_exhausted_fails_cleanly(tmp_path, db_url, db):
    folder = copy_folder("counter", tmp_path)
    api.migrate(db_url, folder, to="0001_more")
    blocker = psycopg.connect(db_url)
    try:
        blocker.execute('LOCK TABLE "runs" IN ACCESS EXCLUSIVE MODE')
        with pytest.raises(MigrationError) as failure:
            api.migrate(db_url, folder, lock_timeout="100ms", retries=2)
    finally:
        blocker.close()
    error = failure.value
    assert error.sqlstate == "55P03" and error.tag == "0002_last"
    assert "after 3 attempts at lock_timeout=100ms" in str(error)
    assert (
        db.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'extra'"
        ).fetchone()[0]
        == 0
    )
    assert applied_names(db) == ["0000_counter", "0001_more"]
