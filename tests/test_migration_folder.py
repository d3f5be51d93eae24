"""MigrationFolder: strict reading, header directives, and the one atomic write_migration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pgshift.errors import FolderError
from pgshift.folder.files import Journal, JournalEntry, journal_json, read_text
from pgshift.folder.migration_folder import MigrationFolder, journal_duplicates
from pgshift.format.headers import read_headers
from pgshift.model.schema import Model
from pgshift.sources.snapshot import EMPTY_ID, model_to_snapshot, new_snapshot_id, snapshot_json


def _entry(idx: int, tag: str) -> JournalEntry:
    return JournalEntry(idx, "7", 1_700_000_000_000 + idx, tag)


def _snapshot() -> str:
    return snapshot_json(model_to_snapshot(Model(), id=new_snapshot_id(), prev_id=EMPTY_ID))


def _write(folder: MigrationFolder, *entries: JournalEntry) -> tuple[Path, ...]:
    journal = Journal(entries=(*folder.journal().entries, *entries))
    return folder.write_migration(
        journal, entries[-1], up="SELECT 1;\n", down="SELECT 2;\n", snapshot=_snapshot()
    )


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_new_files_honour_the_umask_and_rewrites_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = MigrationFolder(tmp_path / "drizzle")
        written = _write(folder, _entry(0, "0000_init"))
        assert [p.name for p in written] == [
            "0000_init.sql",
            "0000_init.down.sql",
            "0000_snapshot.json",
            "_journal.json",
        ]
        assert {_mode(p) for p in written} == {0o644}
        folder.journal_path.chmod(0o640)
        _write(folder, _entry(1, "0001_next"))
        assert _mode(folder.journal_path) == 0o640  # rewritten: keeps its mode
        assert _mode(folder.sql_path("0001_next")) == 0o644
        os.umask(0o077)
        _write(folder, _entry(2, "0002_private"))
        assert _mode(folder.sql_path("0002_private")) == 0o600
    finally:
        os.umask(old)
    assert [e.tag for e in folder.journal().entries] == ["0000_init", "0001_next", "0002_private"]
    assert not list(folder.path.rglob("*.tmp"))


def test_collisions_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    folder = MigrationFolder(tmp_path / "drizzle")
    _write(folder, _entry(0, "0000_init"))
    before = folder.journal_path.read_text()
    with pytest.raises(FolderError, match="tag 0000_init appears 2 times"):
        _write(folder, _entry(1, "0000_init"))
    with pytest.raises(FolderError, match="idx 0 is used by 0000_init, 0000_other"):
        _write(folder, _entry(0, "0000_other"))
    (folder.path / "0001_stray.sql").write_text("-- someone's file\n")
    with pytest.raises(FolderError, match=r"0001_stray\.sql already exists"):
        _write(folder, _entry(1, "0001_stray"))
    assert folder.journal_path.read_text() == before
    assert not folder.sql_path("0000_other").exists()
    assert (folder.path / "0001_stray.sql").read_text() == "-- someone's file\n"


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path) -> None:
    folder = MigrationFolder(tmp_path / "drizzle")
    folder.path.mkdir()
    (folder.path / "meta").write_text("not a directory")  # the snapshot and journal cannot be written
    with pytest.raises(FolderError, match="could not write migration 0000_init"):
        _write(folder, _entry(0, "0000_init"))
    assert sorted(p.name for p in folder.path.iterdir()) == ["meta"]


def test_replaced_files_are_removed_after_success(tmp_path: Path) -> None:
    folder = MigrationFolder(tmp_path / "drizzle")
    _write(
        folder,
        _entry(0, "0000_init"),
    )
    _write(folder, _entry(1, "0001_old"))
    old = [folder.sql_path("0001_old"), folder.down_path("0001_old")]
    journal = Journal(entries=(folder.journal().entries[0], _entry(1, "0001_new")))
    folder.write_migration(
        journal,
        _entry(1, "0001_new"),
        up="SELECT 3;",
        down=None,
        snapshot=_snapshot(),
        replaces=(*old, folder.snapshot_path(_entry(1, "0001_old"))),
    )
    assert not any(p.exists() for p in old)
    assert folder.sql_path("0001_new").read_text() == "SELECT 3;"
    assert [e.tag for e in folder.journal().entries] == ["0000_init", "0001_new"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"SELECT 1;\nSELECT 2;\x00DROP TABLE users;\n", "NUL byte .* at line 2"),
        (b"SELECT 1;\n\nSELECT '\xe9t\xe9';\n", "not UTF-8 text .*0xe9 at line 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL byte"),
    ],
)
def test_text_that_is_not_text_is_refused_with_file_and_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "0000_x.sql"
    path.write_bytes(content)
    with pytest.raises(FolderError, match=message) as info:
        read_text(path)
    assert info.value.where is not None and info.value.where.startswith(str(path))


def test_read_text_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.sql"
    path.write_bytes(b"SELECT 1;\r\n")
    assert read_text(path) == "SELECT 1;\r\n"


def test_journal_duplicates_and_check_journal(tmp_path: Path) -> None:
    journal = Journal(
        entries=(_entry(0, "0000_a"), _entry(1, "0001_b"), _entry(1, "0001_b"), _entry(1, "0001_c"))
    )
    kinds = {(d.kind, d.value) for d in journal_duplicates(journal)}
    assert kinds == {("tag", "0001_b"), ("idx", "1")}
    folder = MigrationFolder(tmp_path)
    (tmp_path / "meta").mkdir()
    folder.journal_path.write_text(journal_json(journal))
    with pytest.raises(FolderError, match="more than once"):
        folder.check_journal()


def test_headers() -> None:
    sql = "-- pgshift:transaction off\n-- pgshift:data-loss column users.bio comes back empty\n\nSELECT 1;\n-- pgshift:irreversible late\n"
    headers = read_headers(sql)
    assert headers.transaction is False
    assert headers.data_loss == ("column users.bio comes back empty",)
    assert headers.irreversible is None  # after the first statement: not a header
    assert read_headers("-- pgshift:irreversible\n").irreversible == "no reason given"
    assert read_headers("-- pgshift:transaction on\n").transaction is True


def test_snapshots_are_read_once_and_latest_needs_the_last_entrys_snapshot(tmp_path: Path) -> None:
    folder = MigrationFolder(tmp_path / "drizzle")
    assert folder.latest_snapshot() is None
    _write(folder, _entry(0, "0000_init"))
    latest = folder.latest_snapshot()
    assert latest is not None and latest[0]["prevId"] == EMPTY_ID
    assert folder.latest_snapshot() is latest  # cached
    folder.snapshot_path(_entry(0, "0000_init")).unlink()
    with pytest.raises(FolderError, match="has no snapshot"):
        MigrationFolder(folder.path).latest_snapshot()
