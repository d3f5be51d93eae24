"""pgshift status: every migration's state, exit codes for CI, rows written by drizzle-orm."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.test_runner_support import TRACKING, add_migration, copy_folder, journal, run_main


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def status(capsys, db_url, folder, *extra):
    return run_main(capsys, "status", "--url", db_url, "--out", str(folder), *extra)


def states(capsys, db_url, folder) -> dict[str, dict]:
    rc, out, _err = status(capsys, db_url, folder, "--json")
    return rc, {m["tag"]: m for m in json.loads(out)["migrations"]}


def test_exit_codes_pending_then_up_to_date(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    rc, out, _err = status(capsys, db_url, folder)
    assert rc == 1
    assert "0 applied, 3 pending" in out and "pgshift migrate" in out
    assert not db.execute("SELECT to_regclass('drizzle.__drizzle_migrations')").fetchone()[0]  # read-only

    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--to", "0000_users")[0] == 0
    rc, found = states(capsys, db_url, folder)
    assert rc == 1
    assert [found[t]["state"] for t in found] == ["applied", "pending", "pending"]
    assert found["0000_users"]["applied_by"] == "pgshift"
    assert found["0000_users"]["duration_ms"] is not None and found["0000_users"]["applied_at"]

    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    rc, out, _err = status(capsys, db_url, folder)
    assert rc == 0
    assert "up to date" in out and "3 applied, 0 pending" in out
    assert out.count("applied") >= 4


def test_modified_missing_and_out_of_order_are_reported(capsys, tmp_path, db_url):
    folder = copy_folder("basic", tmp_path)
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    (folder / "0001_posts.sql").write_text((folder / "0001_posts.sql").read_text() + "\n-- edited\n")
    (folder / "0002_users_email_idx.sql").unlink()
    add_migration(folder, "0000b_branch", "SELECT 1;", when=1795351400500, position=1)
    rc, found = states(capsys, db_url, folder)
    assert rc == 1
    assert found["0001_posts"]["state"] == "modified"
    assert found["0001_posts"]["hash"] != found["0001_posts"]["applied_hash"]
    assert found["0002_users_email_idx"]["state"] == "missing"
    assert found["0000b_branch"]["state"] == "pending" and found["0000b_branch"]["out_of_order"]
    rc, out, _err = status(capsys, db_url, folder)
    assert rc == 1
    assert "modified (checksum differs)" in out and "file missing" in out
    assert "merged before applied ones" in out


def test_rows_written_by_drizzle_orm_are_matched_by_hash_then_when(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    entries = journal(folder)["entries"]
    # drizzle-orm's migrator table: three columns, rows of (hash, created_at = when).
    db.execute('CREATE SCHEMA "drizzle"')
    db.execute(f"CREATE TABLE {TRACKING} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)")
    for entry in entries[:2]:
        digest = hashlib.sha256((folder / f"{entry['tag']}.sql").read_bytes()).hexdigest()
        db.execute(f"INSERT INTO {TRACKING} (hash, created_at) VALUES (%s, %s)", (digest, entry["when"]))
    # A row whose hash no longer matches (file edited since) is still found by its `when`.
    db.execute(f"INSERT INTO {TRACKING} (hash, created_at) VALUES ('feedface', %s)", (entries[2]["when"],))
    rc, found = states(capsys, db_url, folder)
    assert rc == 1
    assert found["0000_users"]["state"] == "applied" and found["0000_users"]["applied_by"] == "drizzle-orm"
    assert found["0001_posts"]["state"] == "applied"
    assert found["0002_users_email_idx"]["state"] == "modified"
    rc, out, _err = status(capsys, db_url, folder)
    assert "(by drizzle-orm)" in out


def test_status_error_exit_2(capsys, tmp_path):
    folder = copy_folder("basic", tmp_path)
    rc, _out, err = run_main(
        capsys, "status", "--url", "postgresql://x:hunter2@127.0.0.1:1/none", "--out", str(folder)
    )
    assert rc == 2
    assert "hunter2" not in err and "cannot connect" in err
