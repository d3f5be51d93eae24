"""Folder integrity: tests/folders/<case>/drizzle is a (broken) migration folder and
tests/folders/<case>/expected.json the diagnosis `pgshift check` must give (every error and warning,
nothing else). Plus the applied-hash check against the real server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pgshift.lint.integrity import check_applied, check_folder
from pgshift.lint.paths import check_paths
from pgshift.runner.tracking import TrackingTable

FOLDERS = Path(__file__).parent / "folders"
CASES = sorted(p.name for p in FOLDERS.iterdir() if (p / "expected.json").exists())


def _key(item: dict) -> tuple:
    return (item["rule"], item["severity"], item["path"], item.get("line"))


@pytest.mark.parametrize("case", CASES)
def test_folder_case(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FOLDERS / case)
    expected = json.loads((FOLDERS / case / "expected.json").read_text())
    findings = [f for f in check_paths([Path("drizzle")]) if f.severity != "info"]
    got = {
        (f.rule, f.severity, f.path, f.line if "line" in _lines(expected, f.rule) else None) for f in findings
    }
    assert got == {_key(e) for e in expected}
    for f in findings:
        assert f.fix, f"{f.rule} has no fix"


def _lines(expected: list[dict], rule: str) -> set[str]:
    return {"line"} if any(e["rule"] == rule and "line" in e for e in expected) else set()


def test_collision_names_both_migrations_and_rebase() -> None:
    [finding] = [f for f in check_folder(FOLDERS / "collision" / "drizzle") if f.rule == "folder-collision"]
    assert "0002_t2" in finding.message and "0003_t3" in finding.message
    assert "pgshift rebase" in (finding.fix or "")


def test_applied_migration_changed(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "drizzle"
    shutil.copytree(FOLDERS / "ok" / "drizzle", folder)
    from pgshift.folder import files as fs

    entries = fs.read_journal(folder).entries
    db.execute('CREATE SCHEMA "drizzle"')
    db.execute(
        'CREATE TABLE "drizzle"."__drizzle_migrations" (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)'
    )
    for entry in entries[:2]:
        migration = fs.read_migration(folder, entry)
        db.execute('INSERT INTO "drizzle"."__drizzle_migrations" (hash, created_at) VALUES (%s, %s)',
                   (migration.hash, entry.when))  # fmt: skip
    table = TrackingTable()
    assert check_applied(folder, db, table) == []
    path = folder / f"{entries[1].tag}.sql"
    path.write_text(path.read_text() + "-- edited after it ran\n")
    (folder / f"{entries[2].tag}.sql").write_text("-- pending: editing it is fine\n")
    [finding] = check_applied(folder, db, table)
    assert finding.rule == "folder-applied-changed" and finding.severity == "error"
    assert entries[1].tag in finding.message and finding.path.endswith(path.name)


def test_applied_check_without_tracking_table(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert check_applied(FOLDERS / "ok" / "drizzle", db, TrackingTable()) == []
