"""The embedded development database: started on demand in .pgshift/pgdata, reused, stopped, reset."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest


@pytest.fixture
def project() -> Path:
    # A short path: the server's Unix socket lives in the data directory (~100-byte limit).
    path = Path(tempfile.mkdtemp(prefix="pgs-dev-"))
    yield path
    subprocess.run(
        [sys.executable, "-m", "pgshift", "devdb", "reset", "--yes"], cwd=path, capture_output=True
    )


def pgshift(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_devdb_starts_in_project_folder_and_is_reused(project: Path):
    first = pgshift(project, "devdb", "url")
    assert first.returncode == 0, first.stderr
    url = first.stdout.strip()
    assert (project / ".pgshift" / "pgdata" / "PG_VERSION").exists()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (x int)")
    again = pgshift(project, "devdb", "url")
    assert again.stdout.strip() == url
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT to_regclass('public.kept') IS NOT NULL").fetchone()[0]

    assert pgshift(project, "devdb", "stop").returncode == 0
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)

    # Started again on demand, with the data still there.
    restarted = pgshift(project, "devdb", "url").stdout.strip()
    with psycopg.connect(restarted) as conn:
        assert conn.execute("SELECT to_regclass('public.kept') IS NOT NULL").fetchone()[0]

    assert pgshift(project, "devdb", "reset", "--yes").returncode == 0
    assert not (project / ".pgshift" / "pgdata").exists()


def test_reset_without_yes_and_without_tty_aborts(project: Path):
    pgshift(project, "devdb", "url")
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "devdb", "reset"],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode != 0
    assert (project / ".pgshift" / "pgdata").exists()
    assert "--yes" in proc.stderr


def test_stop_says_when_nothing_ran_and_gitignore_gets_the_folder(project: Path):
    (project / ".gitignore").write_text("*.pyc")
    assert pgshift(project, "devdb", "url").returncode == 0
    assert (project / ".gitignore").read_text().splitlines() == ["*.pyc", ".pgshift/"]
    assert "stopped" in pgshift(project, "devdb", "stop").stderr
    again = pgshift(project, "devdb", "stop")
    assert again.returncode == 0 and "was not running" in again.stderr
    assert pgshift(project, "devdb", "url").returncode == 0
    assert (project / ".gitignore").read_text().count(".pgshift/") == 1
