"""The CI recipe: `pgshift check --since REF` (or `--db --pending`) lints only what a change introduces.

A reviewed destructive migration that is already applied must not fail every later build, and the way
out must not be editing the applied file (that changes its checksum and `migrate` refuses it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

MODELS = """
from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), {extra})
"""


def pgshift(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def write_models(project: Path, extra: str) -> None:
    (project / "models.py").write_text(MODELS.format(extra=extra))


@pytest.fixture
def project(tmp_path: Path, db_url: str) -> Path:
    (tmp_path / "pgshift.toml").write_text(f'schema = "models.py:metadata"\nurl = "{db_url}"\n')
    write_models(tmp_path, 'Column("bio", Text), Column("nick", Text)')
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "ci@example.com")
    git(tmp_path, "config", "user.name", "ci")
    assert pgshift(tmp_path, "generate", "--name", "init").returncode == 0
    write_models(tmp_path, 'Column("nick", Text)')  # drop users.bio: destructive, reviewed
    assert pgshift(tmp_path, "generate", "--name", "drop_bio").returncode == 0
    assert pgshift(tmp_path, "migrate").returncode == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "reviewed: drop bio")
    return tmp_path


def test_plain_check_keeps_failing_on_the_applied_destructive_migration(project: Path) -> None:
    proc = pgshift(project, "check")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "drop" in proc.stdout


def test_since_passes_after_the_reviewed_change_and_fails_on_a_new_one(project: Path) -> None:
    quiet = pgshift(project, "check", "--since", "HEAD")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    write_models(project, "")  # drop users.nick: new, not acknowledged
    assert pgshift(project, "generate", "--name", "drop_nick").returncode == 0
    loud = pgshift(project, "check", "--since", "HEAD")
    assert loud.returncode == 1, loud.stdout + loud.stderr
    assert "0002_drop_nick.sql" in loud.stdout
    assert "0001_drop_bio.sql" not in loud.stdout


def test_pending_with_db_lints_only_unapplied_migrations(project: Path) -> None:
    assert pgshift(project, "check", "--db", "--pending").returncode == 0
    write_models(project, "")
    assert pgshift(project, "generate", "--name", "drop_nick").returncode == 0
    loud = pgshift(project, "check", "--db", "--pending")
    assert loud.returncode == 1, loud.stdout + loud.stderr
    assert "0002_drop_nick.sql" in loud.stdout and "0001_drop_bio.sql" not in loud.stdout


def test_since_with_an_unknown_ref_is_a_clear_error(project: Path) -> None:
    proc = pgshift(project, "check", "--since", "no-such-ref")
    assert proc.returncode == 2
    assert "--since no-such-ref" in proc.stderr and "git fetch" in proc.stderr


def test_pending_without_a_database_is_refused(project: Path) -> None:
    proc = pgshift(project, "check", "--pending")
    assert proc.returncode == 2
    assert "--pending needs the database" in proc.stderr


def test_ack_at_generate_marks_the_new_file_and_check_passes(project: Path) -> None:
    write_models(project, "")
    proc = pgshift(project, "generate", "--name", "drop_nick", "--ack", "drop-column")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "acknowledged (pgshift:ignore written): drop-column" in proc.stdout
    text = (project / "drizzle" / "0002_drop_nick.sql").read_text()
    assert "-- pgshift:ignore drop-column\nALTER TABLE" in text
    assert pgshift(project, "check", "--since", "HEAD").returncode == 0
    assert pgshift(project, "migrate").returncode == 0  # the acknowledged file applies as written


def test_ack_of_an_unknown_rule_is_refused_before_writing(project: Path) -> None:
    write_models(project, "")
    proc = pgshift(project, "generate", "--name", "drop_nick", "--ack", "no-such-rule")
    assert proc.returncode == 2
    assert "no lint rule no-such-rule" in proc.stderr
    assert not (project / "drizzle" / "0002_drop_nick.sql").exists()
