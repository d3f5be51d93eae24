"""pgshift rollback: down files newest first, what they destroy shown with counts, refusals."""

from __future__ import annotations

import json

import pytest

from tests.test_runner_support import applied_names, copy_folder, run_cli, run_main, table_exists


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)


@pytest.fixture
def migrated(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    db.execute("INSERT INTO users (email, bio) VALUES ('a@x', 'hi'), ('b@x', NULL)")
    db.execute("INSERT INTO posts (author_id, title) SELECT id, 't' FROM users")
    return folder


def column_exists(db, table, column) -> bool:
    return bool(
        db.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            (table, column),
        ).fetchone()[0]
    )


def test_without_terminal_and_without_yes_refuses_and_shows_counts(tmp_path, db_url, db, migrated):
    proc = run_cli("rollback", "--url", db_url, "--out", str(migrated), "--steps", "2")
    assert proc.returncode == 2
    assert "refusing to roll back without confirmation: there is no terminal to ask" in proc.stderr
    assert "drops table posts: 3 rows" in proc.stderr
    assert "drops column users.bio: 1 non-null values" in proc.stderr
    assert table_exists(db, "posts")
    assert len(applied_names(db)) == 3


def test_steps_runs_down_files_newest_first(capsys, db_url, db, migrated):
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--steps", "2", "--yes"
    )
    assert rc == 0, err
    assert err.index("← 0002_users_email_idx") < err.index("← 0001_posts")
    assert "rolled back 2 migration(s): 0002_users_email_idx, 0001_posts" in err
    assert not table_exists(db, "users_email_idx")
    assert not table_exists(db, "posts")
    assert not column_exists(db, "users", "bio")
    assert applied_names(db) == ["0000_users"]
    # Rolled-back migrations are pending again and re-apply.
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(migrated))[0] == 0
    assert applied_names(db) == ["0000_users", "0001_posts", "0002_users_email_idx"]


def test_to_and_default_one_step(capsys, db_url, db, migrated):
    rc, _out, err = run_main(capsys, "rollback", "--url", db_url, "--out", str(migrated), "--yes")
    assert rc == 0, err
    assert applied_names(db) == ["0000_users", "0001_posts"]
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--to", "0000_users", "--yes"
    )
    assert rc == 0, err
    assert applied_names(db) == ["0000_users"]
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--to", "nope", "--yes"
    )
    assert rc == 2 and "not an applied migration" in err


def test_irreversible_and_missing_down_file_are_refused(capsys, db_url, db, migrated):
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--steps", "3", "--yes"
    )
    assert rc == 2
    assert "cannot roll back 0000_users: its down migration is marked irreversible: the seed row" in err
    assert len(applied_names(db)) == 3  # checked before anything ran
    (migrated / "0002_users_email_idx.down.sql").unlink()
    rc, _out, err = run_main(capsys, "rollback", "--url", db_url, "--out", str(migrated), "--yes")
    assert rc == 2
    assert "cannot roll back 0002_users_email_idx: it has no down migration" in err
    assert "0002_users_email_idx.down.sql" in err
    assert len(applied_names(db)) == 3


def test_dry_run_and_json(capsys, db_url, db, migrated):
    rc, out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--steps", "2", "--dry-run"
    )
    assert rc == 0
    assert 'DROP TABLE "posts";' in out and "BEGIN;" in out and "DELETE FROM" in out
    assert "drops table posts: 3 rows" in err
    assert table_exists(db, "posts")
    rc, out, _err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--json", "--yes", "--steps", "2"
    )
    assert rc == 0
    data = json.loads(out)
    assert [r["tag"] for r in data["rolled_back"]] == ["0002_users_email_idx", "0001_posts"]
    destroys = {d["what"]: d["rows"] for step in data["plan"] for d in step["destroys"]}
    assert destroys == {"table posts": 3, "column users.bio": 1}


def test_protected_environment_rollback_needs_yes(tmp_path, db_url, migrated):
    (tmp_path / "pgshift.toml").write_text(
        f'out = "{migrated.name}"\n[environments.prod]\nurl = "{db_url}"\nprotected = true\n'
    )
    proc = run_cli("rollback", "--env", "prod", cwd=tmp_path)
    assert proc.returncode == 2
    assert "environment 'prod' is protected: rollback needs --yes" in proc.stderr


def test_more_steps_than_applied_rolls_back_what_can_be(capsys, db_url, db, migrated):
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(migrated), "--steps", "9", "--yes"
    )
    assert rc == 2  # all three chosen; 0000_users is irreversible, so nothing runs
    assert "0000_users" in err and "irreversible" in err
    assert len(applied_names(db)) == 3


def _run_on_terminal(args: list[str], answer: str, timeout: float = 60) -> tuple[int, str]:
    """Run the CLI with stdin and stderr on a pseudo-terminal; type ``answer`` at the prompt."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgshift", *args], stdin=slave, stdout=subprocess.PIPE, stderr=slave, env=env
    )
    os.close(slave)
    seen = b""
    answered = False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"[y/N]" in seen:
            os.write(master, answer.encode() + b"\n")
            answered = True
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=10)
    os.close(master)
    return proc.returncode, seen.decode(errors="replace")


def test_asks_on_a_terminal_and_respects_the_answer(db_url, db, migrated):
    args = ["rollback", "--url", db_url, "--out", str(migrated), "--steps", "2"]
    rc, screen = _run_on_terminal(args, "n")
    assert "drops table posts: 3 rows" in screen and "Run these down migrations?" in screen
    assert rc == 2 and "rollback cancelled; nothing was changed" in screen
    assert table_exists(db, "posts")
    rc, screen = _run_on_terminal(args, "y")
    assert rc == 0, screen
    assert not table_exists(db, "posts")
    assert applied_names(db) == ["0000_users"]
