"""Helpers shared by the migrate/status/rollback/baseline tests (no tests here).

Fixture folders live in tests/migrations/<name>/ (written by hand in drizzle-kit's format); tests
copy one to tmp_path before changing anything in it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgshift.cli import main

MIGRATIONS = Path(__file__).parent / "migrations"
TRACKING = '"drizzle"."__drizzle_migrations"'


def copy_folder(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(MIGRATIONS / name, target)
    return target


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120):
    """Run ``python -m pgshift`` in a subprocess (where process behaviour matters)."""
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd,
    )


def tracking_rows(db: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
    return db.execute(f"SELECT id, hash, created_at, name FROM {TRACKING} ORDER BY id").fetchall()


def applied_names(db: psycopg.Connection[Any]) -> list[str]:
    return [row[3] for row in tracking_rows(db)]


def table_exists(db: psycopg.Connection[Any], name: str) -> bool:
    return db.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone()[0]


def journal(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "meta" / "_journal.json").read_text())


def write_journal(folder: Path, data: dict[str, Any]) -> None:
    (folder / "meta" / "_journal.json").write_text(json.dumps(data, indent=2))


def add_migration(
    folder: Path, tag: str, sql: str, *, when: int | None = None, position: int | None = None
) -> None:
    """Write ``<tag>.sql`` and add its journal entry (at ``position``, default last)."""
    (folder / f"{tag}.sql").write_text(sql)
    data = journal(folder)
    entries = data["entries"]
    if when is None:
        when = max((e["when"] for e in entries), default=1795351400000) + 1000
    entry = {"idx": len(entries), "version": "7", "when": when, "tag": tag, "breakpoints": True}
    entries.insert(len(entries) if position is None else position, entry)
    for idx, e in enumerate(entries):
        e["idx"] = idx
    write_journal(folder, data)
