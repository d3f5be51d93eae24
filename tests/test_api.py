"""pgshift.migrate(): the Python API for application start-up."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import pgshift
from pgshift.errors import PgshiftError
from pgshift.runner.run import MigrationError
from tests.test_runner_support import applied_names, copy_folder, table_exists

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


def test_migrate_returns_result_and_is_idempotent(tmp_path, db_url, db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = copy_folder("basic", tmp_path)
    result = pgshift.migrate(db_url, folder)
    assert result.applied_tags == ["0000_users", "0001_posts", "0002_users_email_idx"]
    assert [a.transactional for a in result.applied] == [True, True, False]
    assert all(a.duration_ms >= 0 for a in result.applied)
    again = pgshift.migrate(db_url, folder)
    assert again.applied == () and again.skipped == tuple(result.applied_tags)
    assert applied_names(db) == result.applied_tags


def test_failure_raises_pgshift_error_subclass(tmp_path, db_url, db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = copy_folder("failing", tmp_path)
    with pytest.raises(MigrationError) as failure:
        pgshift.migrate(db_url, folder)
    assert isinstance(failure.value, PgshiftError)
    assert (failure.value.tag, failure.value.statement, failure.value.completed) == (
        "0001_breaks",
        3,
        ("0000_ok",),
    )
    assert not table_exists(db, "b")


def test_url_and_folder_from_config(tmp_path, db_url, db, monkeypatch):
    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").write_text('CREATE TABLE "b" ("id" integer);')
    (tmp_path / "pgshift.toml").write_text(f'out = "{folder.name}"\nurl = "${{APP_DB}}"\n')
    monkeypatch.setenv("APP_DB", db_url)
    result = pgshift.migrate(config=tmp_path / "pgshift.toml")
    assert result.applied_tags == ["0000_ok", "0001_breaks"]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("APP_DB")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(PgshiftError, match="environment variable APP_DB is not set"):
        pgshift.migrate()


def test_no_sqlalchemy_import_and_one_query_when_nothing_pending(tmp_path, db_url):
    folder = copy_folder("basic", tmp_path)
    pgshift.migrate(db_url, folder)
    code = textwrap.dedent(
        f"""
        import sys
        import pgshift
        import psycopg

        statements = []
        original = psycopg.Connection.execute

        def counting(self, query, *args, **kwargs):
            statements.append(query)
            return original(self, query, *args, **kwargs)

        psycopg.Connection.execute = counting
        result = pgshift.migrate({db_url!r}, {str(folder)!r})
        assert result.applied == (), result
        print("SQLALCHEMY", "sqlalchemy" in sys.modules, [m for m in sys.modules if m.startswith("sqlalchemy")][:3])
        print("RICH", "rich" in sys.modules, "CLICK", "click" in sys.modules, "PARSER", "postgast" in sys.modules)
        print("STATEMENTS", len(statements))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "SQLALCHEMY False []" in proc.stdout
    assert (
        "RICH False CLICK False PARSER False" in proc.stdout
    )  # the SQL parser only when something is pending
    # read the tracking table: nothing pending, so not even the lock is needed.
    assert "STATEMENTS 1" in proc.stdout


def test_example_runs_without_fastapi(tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    env = {**_env(), "DATABASE_URL": db_url}
    example = ROOT / "examples" / "fastapi_startup.py"
    proc = subprocess.run(
        [sys.executable, str(example), str(folder)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "applied: ['0000_users', '0001_posts', '0002_users_email_idx']" in proc.stdout
    assert "sqlalchemy imported: False" in proc.stdout
    assert "app: applied 0000_users" in proc.stderr
    proc = subprocess.run(
        [sys.executable, str(example), str(folder)], capture_output=True, text=True, env=env, timeout=60
    )
    assert "applied: nothing; already applied: 3" in proc.stdout
    assert applied_names(db) == ["0000_users", "0001_posts", "0002_users_email_idx"]


def test_tracking_table_from_config(tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").write_text('CREATE TABLE "b" ("id" integer);')
    (tmp_path / "pgshift.toml").write_text(
        f'out = "{folder.name}"\nmigrations_schema = "ops"\nmigrations_table = "applied_migrations"\n'
    )
    result = pgshift.migrate(db_url, config=tmp_path / "pgshift.toml")
    assert result.applied_tags == ["0000_ok", "0001_breaks"]
    names = db.execute('SELECT name FROM "ops"."applied_migrations" ORDER BY id').fetchall()
    assert names == [("0000_ok",), ("0001_breaks",)]
    assert not table_exists(db, "drizzle.__drizzle_migrations")
