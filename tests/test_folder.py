"""The migration folder: journal parsing and errors, hashing as drizzle-orm does, splitting."""

import hashlib
import json
from pathlib import Path

import pytest

from pgshift.errors import FolderError
from pgshift.folder.files import (
    Journal,
    JournalEntry,
    journal_json,
    read_journal,
    read_migration,
    snapshot_path,
    split_statements,
    write_text_atomic,
)


def make_folder(tmp_path: Path, journal: object) -> Path:
    (tmp_path / "meta").mkdir(parents=True, exist_ok=True)
    text = journal if isinstance(journal, str) else json.dumps(journal)
    (tmp_path / "meta" / "_journal.json").write_text(text)
    return tmp_path


def test_missing_journal_is_empty(tmp_path: Path):
    assert read_journal(tmp_path) == Journal()


def test_journal_round_trip_matches_drizzle_layout(tmp_path: Path):
    journal = Journal(entries=(JournalEntry(0, "7", 1795351407933, "0000_init", True),))
    text = journal_json(journal)
    assert text.startswith(
        '{\n  "version": "7",\n  "dialect": "postgresql",\n  "entries": [\n    {\n      "idx": 0,'
    )
    make_folder(tmp_path, text)
    assert read_journal(tmp_path) == journal


@pytest.mark.parametrize(
    ("journal", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"version": "8", "dialect": "postgresql", "entries": []}, "version '8' is not supported"),
        ({"version": "5", "dialect": "postgresql", "entries": []}, "version '5' is not supported"),
        ({"version": "7", "dialect": "mysql", "entries": []}, "dialect"),
        ({"version": "7", "dialect": "postgresql"}, "no 'entries'"),
        ({"version": "7", "dialect": "postgresql", "entries": [{"idx": 0, "when": 1}]}, "lacks 'tag'"),
        (
            {"version": "7", "dialect": "postgresql", "entries": [{"idx": "0", "when": 1, "tag": "a"}]},
            "idx must be a number",
        ),
        (
            {"version": "7", "dialect": "postgresql", "entries": [{"idx": 0, "when": 1, "tag": "../x"}]},
            "tag must be a file name",
        ),
    ],
)
def test_corrupt_journal_names_the_file(tmp_path: Path, journal: object, message: str):
    make_folder(tmp_path, journal)
    with pytest.raises(FolderError) as info:
        read_journal(tmp_path)
    assert message in info.value.message
    assert "_journal.json" in (info.value.where or "")


def test_newer_version_says_upgrade_pgshift(tmp_path: Path):
    make_folder(tmp_path, {"version": "8", "dialect": "postgresql", "entries": []})
    with pytest.raises(FolderError) as info:
        read_journal(tmp_path)
    assert info.value.hint == "upgrade pgshift"


def test_hash_equals_sha256_of_file_bytes(tmp_path: Path):
    entry = JournalEntry(0, "7", 1, "0000_x")
    raw = 'CREATE TABLE "a" ("é" text);\r\n--> statement-breakpoint\r\nSELECT 1;'.encode()
    (tmp_path / "0000_x.sql").write_bytes(raw)
    migration = read_migration(tmp_path, entry)
    assert migration.hash == hashlib.sha256(raw).hexdigest()
    assert migration.down_sql is None
    assert len(migration.statements) == 2


def test_missing_sql_file(tmp_path: Path):
    with pytest.raises(FolderError, match="SQL file is missing"):
        read_migration(tmp_path, JournalEntry(0, "7", 1, "0000_gone"))


def test_split_drops_blank_pieces():
    assert split_statements("A;--> statement-breakpoint\nB;\n--> statement-breakpoint\n") == ["A;", "\nB;\n"]
    assert split_statements("A; B;", breakpoints=False) == ["A; B;"]


def test_snapshot_path_uses_prefix(tmp_path: Path):
    entry = JournalEntry(3, "7", 1, "20261123120000_add_users")
    assert snapshot_path(tmp_path, entry).name == "20261123120000_snapshot.json"


def test_atomic_write_replaces(tmp_path: Path):
    target = tmp_path / "deep" / "f.txt"
    write_text_atomic(target, "one")
    write_text_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_to_json_matches_javascript_stringify():
    from pgshift.folder.files import to_json

    data = {"a": 'é "q" \\', "b": [], "c": {}, "d": [1, {"e": True, "f": None}], "big": 2**70}
    expected = (
        '{\n  "a": "é \\"q\\" \\\\",\n  "b": [],\n  "c": {},\n  "d": [\n    1,\n    {\n      "e": true,\n'
        '      "f": null\n    }\n  ],\n  "big": 1180591620717411303424\n}'
    )
    assert to_json(data) == expected
