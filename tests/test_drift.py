"""Drift: `pgshift status` compares the live schema with the newest applied migration's snapshot."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BLOG = Path(__file__).parents[1] / "examples" / "blog"


def pgshift(cwd: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def migrated(tmp_path: Path, db_url: str) -> Path:
    project = tmp_path / "blog"
    shutil.copytree(BLOG, project, ignore=shutil.ignore_patterns(".pgshift", "drizzle", "__pycache__"))
    for args in (
        ("generate", "--name", "init"),
        ("generate", "--schema", "models_v2.py:Base", "--name", "two"),
    ):
        assert pgshift(project, db_url, *args).returncode == 0
    assert pgshift(project, db_url, "migrate").returncode == 0
    return project


def test_no_drift_right_after_migrate(migrated: Path, db_url: str):
    proc = pgshift(migrated, db_url, "status", "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["drift"] == {"against": "0001_two", "items": []}


def test_hand_changes_are_reported_as_sentences(migrated: Path, db_url: str, db):
    db.execute("ALTER TABLE posts DROP COLUMN views; ALTER TABLE users ADD COLUMN hack int")
    db.execute("ALTER TABLE users ALTER COLUMN display_name SET NOT NULL")
    proc = pgshift(migrated, db_url, "status")
    assert proc.returncode == 1
    out = proc.stdout
    assert (
        "column posts.views is in the schema but not in the database — migration 0001_two may not have run"
        in out
    )
    assert "column users.hack is in the database but not in the schema" in out
    assert "display_name" in out
    report = json.loads(pgshift(migrated, db_url, "status", "--json").stdout)
    missing = next(i for i in report["drift"]["items"] if i["subject"] == "public.posts.views")
    assert missing["migration"] == "0001_two"


def test_no_drift_flag_and_nothing_applied(migrated: Path, db_url: str, db):
    db.execute("ALTER TABLE users ADD COLUMN hack int")
    assert pgshift(migrated, db_url, "status", "--no-drift").returncode == 0
    # Rolled back to before 0000: nothing applied, so nothing to compare against.
    db.execute('DELETE FROM "drizzle"."__drizzle_migrations"')
    report = json.loads(pgshift(migrated, db_url, "status", "--json").stdout)
    assert report["drift"] is None


def test_drift_of_a_column_introduced_by_the_first_migration(migrated: Path, db_url: str, db):
    db.execute("ALTER TABLE users DROP COLUMN display_name")
    report = json.loads(pgshift(migrated, db_url, "status", "--json").stdout)
    (item,) = report["drift"]["items"]
    assert item["migration"] == "0000_init"


def test_check_db_reports_drift_as_errors(migrated: Path, db_url: str, db):
    clean = pgshift(migrated, db_url, "check", "--db", "--format", "json")
    assert "schema-drift" not in clean.stdout
    db.execute("ALTER TABLE users ADD COLUMN hack int")
    proc = pgshift(migrated, db_url, "check", "--db", "--format", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    drift = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "schema-drift"]
    assert len(drift) == 1 and "users.hack" in drift[0]["message"]


def test_enum_with_a_value_removed_by_hand_is_a_difference_not_a_missing_enum(
    migrated: Path, db_url: str, db
):
    """Only the values differ: the sentence must not claim the enum is missing from the database."""
    labels = [r[0] for r in db.execute("SELECT unnest(enum_range(NULL::role))::text").fetchall()]
    db.execute("ALTER TYPE role RENAME TO role_old")
    db.execute(f"CREATE TYPE role AS ENUM ({', '.join(repr(v) for v in labels[:-1])})")
    db.execute(
        "ALTER TABLE users ALTER COLUMN role DROP DEFAULT, ALTER COLUMN role TYPE role USING role::text::role"
    )
    db.execute("DROP TYPE role_old")
    proc = pgshift(migrated, db_url, "status")
    assert proc.returncode == 1
    assert "enum role is in the schema but not in the database" not in proc.stdout
    assert labels[-1] in proc.stdout
