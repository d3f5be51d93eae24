"""pgshift baseline: adopt an existing database by recording migrations without running them."""

from __future__ import annotations

import json

import pytest

from tests.test_runner_support import TRACKING, applied_names, copy_folder, run_cli, run_main


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_baseline_records_without_running_then_migrate_continues(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    # The existing database already has what 0000 and 0001 create (made by hand, without seed row).
    for tag in ("0000_users", "0001_posts"):
        sql = (folder / f"{tag}.sql").read_text().replace("--> statement-breakpoint", "")
        db.execute(sql.replace('INSERT INTO "users" ("email") VALUES (\'seed@example.com\');', ""))
    proc = run_cli("baseline", "--url", db_url, "--out", str(folder), "--to", "0001_posts")
    assert proc.returncode == 2 and "without confirmation" in proc.stderr
    assert "✓ 0000_users" in proc.stderr and "✓ 0001_posts" in proc.stderr

    rc, out, err = run_main(
        capsys, "baseline", "--url", db_url, "--out", str(folder), "--to", "0001_posts", "--yes", "--json"
    )
    assert rc == 0, err
    assert json.loads(out)["recorded"] == ["0000_users", "0001_posts"]
    assert applied_names(db) == ["0000_users", "0001_posts"]
    assert db.execute(f"SELECT bool_and(baselined) FROM {TRACKING}").fetchone()[0] is True
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 0  # nothing ran

    rc, out, _err = run_main(capsys, "status", "--url", db_url, "--out", str(folder))
    assert rc == 1 and "(baseline)" in out
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    assert applied_names(db) == ["0000_users", "0001_posts", "0002_users_email_idx"]
    rc, _out, err = run_main(capsys, "baseline", "--url", db_url, "--out", str(folder), "--yes")
    assert rc == 0 and "nothing to record" in err
