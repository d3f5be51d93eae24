"""A no-op ``migrate`` / ``status --no-drift`` imports only the driver, click and the folder reader.

Those commands run in every deploy; their cost is start-up, so what they import is the figure
(bench/noop measures the time). The SQL parser (libpg_query + protobuf), rich, SQLAlchemy, the linter
and the other commands load only when pending work needs them: the last test checks that a pending
migration still reaches the parser, so the first two cannot pass by never looking. A no-op ``push``
leaves the driver to its forked catalog reader; a push with work connects.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_runner_support import copy_folder

# Modules a run with nothing pending must not import (prefix match).
HEAVY = (
    "postgast",
    "google.protobuf",
    "rich",
    "sqlalchemy",
    "pgshift.pg",  # the parser, and the SQLSTATE owner (imported when an error comes through)
    "pgshift.lint",
    "pgshift.diff",
    "pgshift.sources",
    "pgshift.model",
    # what only pending work needs: the executor, the lock, the retry loop, the transaction groups
    # (runner/run.py imports them where a migration is about to run) and rollback (runner/rollback.py)
    "pgshift.runner.execute",
    "pgshift.runner.lock",
    "pgshift.runner.retry",
    "pgshift.runner.groups",
    "pgshift.runner.txmode",
    "pgshift.runner.rollback",
    "pgshift.runner.rollback_checks",
    "pgshift.format.headers",
)

# Every pgshift module a no-op migrate may import: the CLI, the config, the journal reader and file
# hashing, the plan and the tracking table. A new import on this path has to be added here on purpose.
NOOP_MIGRATE = {
    "pgshift",
    "pgshift.api",
    "pgshift.api._common",
    "pgshift.api.migrate",
    "pgshift.cli",
    "pgshift.commands",
    "pgshift.commands._common",
    "pgshift.commands._run",
    "pgshift.commands.migrate",
    "pgshift.config",
    "pgshift.dataclass_cache",
    "pgshift.errors",
    "pgshift.folder",
    "pgshift.folder.files",
    "pgshift.folder.migration_folder",
    "pgshift.format",
    "pgshift.gcpause",
    "pgshift.format.drizzle",
    "pgshift.runner",
    "pgshift.runner.options",
    "pgshift.runner.plan",
    "pgshift.runner.results",
    "pgshift.runner.run",
    "pgshift.runner.tracking",
    "pgshift.urls",
}
NOOP_STATUS = (NOOP_MIGRATE - {"pgshift.api.migrate", "pgshift.commands.migrate"}) | {
    "pgshift.api.status",
    "pgshift.catalog",
    "pgshift.commands.status",
}

PROBE = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
from pgshift.cli import main
sys.argv[0] = "pgshift"
main()
"""


def _modules(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr
    return set(json.loads(out.read_text()))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def _other_commands(modules: set[str], allowed: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith("pgshift.commands.") and m not in allowed)


@pytest.fixture
def applied(tmp_path: Path, db_url: str) -> Path:
    folder = copy_folder("basic", tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "migrate", "--url", db_url, "--out", str(folder)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    return folder


def test_noop_migrate_imports_no_parser_rich_or_other_commands(tmp_path: Path, db_url: str, applied: Path):
    modules = _modules(tmp_path, "migrate", "--url", db_url, "--out", str(applied))
    assert "psycopg" in modules  # it did connect
    assert _heavy(modules) == []
    assert (
        _other_commands(
            modules, {"pgshift.commands._common", "pgshift.commands._run", "pgshift.commands.migrate"}
        )
        == []
    )
    assert sorted(m for m in modules if m.split(".")[0] == "pgshift" and m not in NOOP_MIGRATE) == []
    assert "pgshift.folder.files" in modules and "hashlib" in modules  # it did hash the applied files


def test_noop_status_imports_no_parser_rich_or_other_commands(tmp_path: Path, db_url: str, applied: Path):
    modules = _modules(tmp_path, "status", "--no-drift", "--url", db_url, "--out", str(applied))
    assert "psycopg" in modules
    assert _heavy(modules) == []
    allowed = {"pgshift.commands._common", "pgshift.commands._run", "pgshift.commands.status"}
    assert _other_commands(modules, allowed) == []
    assert sorted(m for m in modules if m.split(".")[0] == "pgshift" and m not in NOOP_STATUS) == []


def test_pending_migrate_does_load_the_parser(tmp_path: Path, db_url: str):
    folder = copy_folder("basic", tmp_path)
    modules = _modules(tmp_path, "migrate", "--url", db_url, "--out", str(folder))
    assert "pgshift.pg.parser" in modules and "postgast" in modules
    assert "pgshift.runner.execute" in modules and "pgshift.runner.lock" in modules
    assert "pgshift.runner.rollback" not in modules


PUSH_SCHEMA = """
from sqlalchemy import Column, Integer, MetaData, Table, Text
metadata = MetaData()
Table("t", metadata, Column("id", Integer, primary_key=True, autoincrement=False), Column("name", Text){extra})
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="push forks its catalog reader on Linux only")
def test_noop_push_leaves_the_driver_to_its_forked_reader(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    """The forked child reads the catalog on its own connection; when the code matches, this process has
    nothing to ask the server, and neither imports psycopg nor connects (pgshift.api.push.Connection)."""
    db.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)")
    (tmp_path / "schema.py").write_text(PUSH_SCHEMA.format(extra=""))
    modules = _modules(tmp_path, "push", "--schema", "schema.py:metadata", "--url", db_url)
    assert "sqlalchemy" in modules and "pgshift.sources.from_sqlalchemy" in modules  # the code was loaded
    assert "pgshift.diff.differ" in modules  # and compared
    assert "psycopg" not in modules


def test_a_push_with_work_connects(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    """The same push with a column to add opens its connection and adds it (read back with a catalog query)."""
    db.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)")
    (tmp_path / "schema.py").write_text(PUSH_SCHEMA.format(extra=', Column("added", Integer)'))
    modules = _modules(tmp_path, "push", "--schema", "schema.py:metadata", "--url", db_url)
    assert "psycopg" in modules
    added = db.execute(
        "SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attname = 'added'"
    ).fetchone()
    assert added == (1,)
