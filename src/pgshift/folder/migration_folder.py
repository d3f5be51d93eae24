"""``MigrationFolder``: the one object that reads and writes a migration folder.

It owns the format (paths, journal, snapshot files and ids, header directives) and the rules a
folder must keep (no tag, idx or snapshot written twice), so generate, rebase, pull's baseline, the
runner, integrity and lint agree on them, and a migration is written in one atomic step: every file
goes to a temporary file beside its target first, then all are renamed, the journal last; a failure
removes what was written. Snapshots are read once per folder object (as data and as models).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgshift.errors import FolderError
from pgshift.folder import files as fs
from pgshift.folder.files import Journal, JournalEntry, Migration

if TYPE_CHECKING:
    from pgshift.model.schema import Model


@dataclass(frozen=True)
class Duplicate:
    """A journal value used by more than one entry (``kind`` is "tag" or "idx")."""

    kind: str
    value: str
    tags: tuple[str, ...]

    def describe(self) -> str:
        if self.kind == "tag":
            return f"tag {self.value} appears {len(self.tags)} times"
        return f"idx {self.value} is used by {', '.join(self.tags)}"


def journal_duplicates(journal: Journal) -> list[Duplicate]:
    """Tags and idx numbers the journal lists more than once (a bad merge, a copied entry)."""
    out: list[Duplicate] = []
    tags = Counter(e.tag for e in journal.entries)
    for tag, count in tags.items():
        if count > 1:
            out.append(Duplicate("tag", tag, (tag,) * count))
    by_idx: dict[int, list[str]] = {}
    for e in journal.entries:
        by_idx.setdefault(e.idx, []).append(e.tag)
    for idx, owners in by_idx.items():
        if len(owners) > 1 and len(set(owners)) > 1:
            out.append(Duplicate("idx", str(idx), tuple(owners)))
    return out


class MigrationFolder:
    """A migration folder on disk (it need not exist yet: ``generate`` creates it)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._journal: Journal | None = None
        self._snapshots: dict[Path, tuple[dict[str, Any], Model]] = {}

    # ---------------------------------------------------------------------------------------- paths

    @property
    def meta_dir(self) -> Path:
        return fs.meta_dir(self.path)

    @property
    def journal_path(self) -> Path:
        return fs.journal_path(self.path)

    def sql_path(self, tag: str) -> Path:
        return fs.sql_path(self.path, tag)

    def down_path(self, tag: str) -> Path:
        return fs.down_path(self.path, tag)

    def snapshot_path(self, entry: JournalEntry) -> Path:
        return fs.snapshot_path(self.path, entry)

    def snapshot_files(self) -> list[Path]:
        return fs.snapshot_files(self.path)

    # -------------------------------------------------------------------------------------- reading

    def exists(self) -> bool:
        return self.path.is_dir()

    def journal(self) -> Journal:
        """The journal (read once); empty when the folder or the journal does not exist yet."""
        if self._journal is None:
            self._journal = fs.read_journal(self.path)
        return self._journal

    def check_journal(self) -> None:
        """FolderError when the journal lists a tag or an idx twice (it would run a migration twice)."""
        duplicates = journal_duplicates(self.journal())
        if duplicates:
            raise FolderError(
                "the journal lists migrations more than once: " + "; ".join(d.describe() for d in duplicates),
                where=str(self.journal_path),
                hint="remove the duplicate entries from meta/_journal.json (a bad merge?), or run "
                "`pgshift rebase` to renumber a branch's migration; nothing was run",
            )

    def migration(self, entry: JournalEntry) -> Migration:
        """One entry's SQL (and down SQL); FolderError when the file is missing, not UTF-8, or binary."""
        return fs.read_migration(self.path, entry)

    def items(self) -> list[tuple[JournalEntry, Migration | None]]:
        """Journal entries with their files; None where the SQL file is missing."""
        return [
            (entry, self.migration(entry) if self.sql_path(entry.tag).exists() else None)
            for entry in self.journal().entries
        ]

    def snapshot_data(self, path: Path) -> dict[str, Any]:
        """A snapshot file's JSON object, strictly read (FolderError naming the file otherwise)."""
        data = fs.read_json(path)
        if not isinstance(data, dict):
            raise FolderError("a snapshot must be a JSON object", where=str(path))
        return data

    def snapshot_data_or_none(self, path: Path) -> dict[str, Any] | None:
        """A snapshot's JSON, or None when missing or unreadable (integrity reports those)."""
        try:
            return self.snapshot_data(path)
        except FolderError:
            return None

    def snapshot(self, path: Path) -> tuple[dict[str, Any], Model]:
        """A snapshot as data and as a model, read once per folder object."""
        cached = self._snapshots.get(path)
        if cached is None:
            from pgshift.sources.snapshot import read_snapshot

            cached = read_snapshot(path)
            self._snapshots[path] = cached
        return cached

    def latest_snapshot(self) -> tuple[dict[str, Any], Model] | None:
        """The newest snapshot as data and model (``latest_snapshot_path``), or None in a new folder."""
        path = self.latest_snapshot_path()
        return self.snapshot(path) if path else None

    def latest_snapshot_path(self) -> Path | None:
        """The newest snapshot file (drizzle-kit's rule: the last by name), or None in a new folder.

        FolderError when the journal's last entry has no snapshot: generate would diff against an
        older schema and write the same change twice.
        """
        entries = self.journal().entries
        if entries:
            last = entries[-1]
            expected = self.snapshot_path(last)
            if not expected.exists():
                raise FolderError(
                    f"the journal's last migration {last.tag} has no snapshot {expected.name}",
                    where=str(expected),
                    hint="restore meta/ from version control; generate diffs against the last snapshot",
                )
        files = self.snapshot_files()
        return files[-1] if files else None

    # -------------------------------------------------------------------------------------- writing

    def write_migration(
        self,
        journal: Journal,
        entry: JournalEntry,
        *,
        up: str,
        down: str | None,
        snapshot: str,
        replaces: Sequence[Path] = (),
    ) -> tuple[Path, ...]:
        """Write ``entry``'s files and the new ``journal`` (which must list ``entry``) atomically.

        ``replaces`` are files this write supersedes (rebase: the moved migration's old files): they
        may be overwritten, and those not overwritten are deleted after everything else succeeded.
        Refuses (FolderError, nothing written) when the journal would list a tag or idx twice, or a
        target file exists and is not being replaced. Returns the files written, journal last.
        """
        duplicates = journal_duplicates(journal)
        if duplicates:
            raise FolderError(
                f"refusing to write {entry.tag}: " + "; ".join(d.describe() for d in duplicates),
                where=str(self.journal_path),
                hint="choose another --name, or run `pgshift rebase` after a merge",
            )
        replaced = {p.resolve() for p in replaces}
        planned: list[tuple[Path, str]] = [(self.sql_path(entry.tag), up)]
        if down is not None:
            planned.append((self.down_path(entry.tag), down))
        planned.append((self.snapshot_path(entry), snapshot))
        for path, _ in planned:
            if path.exists() and path.resolve() not in replaced:
                raise FolderError(
                    f"{path.name} already exists; refusing to overwrite it",
                    where=str(path),
                    hint="choose another --name, or remove the stray file",
                )
        planned.append((self.journal_path, fs.journal_json(journal)))
        existed = {path for path, _ in planned if path.exists()}
        temps: list[tuple[Path, Path]] = []
        renamed: list[Path] = []
        try:
            for path, text in planned:
                temps.append((fs.write_temp(path, text), path))
            for tmp, path in temps:
                os.replace(tmp, path)
                renamed.append(path)
        except OSError as exc:
            for tmp, _ in temps:
                tmp.unlink(missing_ok=True)
            for path in renamed:
                if path not in existed:
                    path.unlink(missing_ok=True)
            raise FolderError(f"could not write migration {entry.tag}: {exc}", where=str(self.path)) from exc
        finally:
            self._journal = None
        written = [path for path, _ in planned]
        for old in replaces:
            if old.resolve() not in {p.resolve() for p in written}:
                old.unlink(missing_ok=True)
        return tuple(written)


def snapshot_ids(folder: MigrationFolder, entries: Iterable[JournalEntry]) -> Counter[str]:
    """How often each snapshot id occurs among ``entries``' snapshots (unreadable ones skipped)."""
    ids: Counter[str] = Counter()
    for entry in entries:
        data = folder.snapshot_data_or_none(folder.snapshot_path(entry))
        if data is not None and isinstance(data.get("id"), str):
            ids[data["id"]] += 1
    return ids
