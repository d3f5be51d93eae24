"""pgshift migrate/status and drizzle-orm 0.45's migrator taking turns on one database.

- a database migrated by drizzle-orm shows fully applied in ``pgshift status``;
- after ``pgshift migrate`` (which widens the tracking table), drizzle-orm's migrator has nothing to do,
  and still works on the wider table for a new migration;
- a migration merged from a branch with an older ``when`` is skipped by drizzle-orm (silently) and
  applied by pgshift.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.interop

FIXTURE = Path(__file__).resolve().parents[1] / "migrations" / "interop"
TRACKING = '"drizzle"."__drizzle_migrations"'


def pgshift(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args], capture_output=True, text=True, timeout=120, env=env
    )


def status(db_url: str, folder: Path) -> tuple[int, dict[str, dict]]:
    proc = pgshift("status", "--url", db_url, "--out", str(folder), "--json")
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, {m["tag"]: m for m in json.loads(proc.stdout)["migrations"]}


def write_journal(folder: Path, entries: list[dict]) -> None:
    for idx, entry in enumerate(entries):
        entry["idx"] = idx
    data = {"version": "7", "dialect": "postgresql", "entries": entries}
    (folder / "meta" / "_journal.json").write_text(json.dumps(data, indent=2))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "drizzle"
    shutil.copytree(FIXTURE, target)
    return target


def test_database_migrated_by_drizzle_orm_is_up_to_date_for_pgshift(drizzle_node, folder, db_url, db):
    drizzle_node.migrate(db_url, folder)
    assert db.execute(f"SELECT count(*) FROM {TRACKING}").fetchone()[0] == 3
    rc, found = status(db_url, folder)
    assert rc == 0
    assert {t: (m["state"], m["applied_by"]) for t, m in found.items()} == {
        "0000_users": ("applied", "drizzle-orm"),
        "0001_users_name": ("applied", "drizzle-orm"),
        "0002_posts": ("applied", "drizzle-orm"),
    }
    proc = pgshift("migrate", "--url", db_url, "--out", str(folder))
    assert proc.returncode == 0 and "nothing to migrate: 3 migration(s) already applied" in proc.stderr
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 1


def test_after_pgshift_migrate_drizzle_orm_has_nothing_to_do(drizzle_node, folder, db_url, db):
    proc = pgshift("migrate", "--url", db_url, "--out", str(folder))
    assert proc.returncode == 0, proc.stderr
    drizzle_node.migrate(db_url, folder)  # raises if it fails
    assert db.execute(f"SELECT count(*) FROM {TRACKING}").fetchone()[0] == 3
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 1  # 0001's INSERT ran once

    # drizzle-orm still writes to the widened table (pgshift's columns are nullable) ...
    (folder / "0003_tags.sql").write_text('CREATE TABLE "tags" ("id" serial PRIMARY KEY NOT NULL);')
    entries = json.loads((folder / "meta" / "_journal.json").read_text())["entries"]
    entries.append(
        {"version": "7", "when": entries[-1]["when"] + 60000, "tag": "0003_tags", "breakpoints": True}
    )
    write_journal(folder, entries)
    drizzle_node.migrate(db_url, folder)
    # ... and pgshift recognises drizzle-orm's row.
    rc, found = status(db_url, folder)
    assert rc == 0
    assert found["0003_tags"]["applied_by"] == "drizzle-orm"
    assert found["0002_posts"]["applied_by"] == "pgshift"


def test_branch_merged_migration_skipped_by_drizzle_is_applied_by_pgshift(drizzle_node, folder, db_url, db):
    entries = json.loads((folder / "meta" / "_journal.json").read_text())["entries"]
    main_line = [entries[0], entries[2]]  # 0001 lives on a branch, generated before 0002
    write_journal(folder, [dict(e) for e in main_line])
    drizzle_node.migrate(db_url, folder)
    write_journal(folder, [dict(e) for e in entries])  # the merge: 0001 back, older `when`

    drizzle_node.migrate(db_url, folder)  # reports success ...
    has_name = db.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'"
    ).fetchone()[0]
    assert has_name == 0  # ... but skipped 0001 silently
    rc, found = status(db_url, folder)
    assert rc == 1
    assert found["0001_users_name"]["state"] == "pending" and found["0001_users_name"]["out_of_order"]

    proc = pgshift("migrate", "--url", db_url, "--out", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "applying 0001_users_name out of order" in proc.stderr
    assert db.execute("SELECT name FROM users").fetchall() == [("First",)]
    assert status(db_url, folder)[0] == 0
