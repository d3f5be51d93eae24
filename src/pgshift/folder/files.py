"""The migration folder on disk, in Drizzle Kit 0.31's format.

```
drizzle/0000_init.sql            statements joined by "--> statement-breakpoint"
drizzle/0000_init.down.sql       pgshift's reverse migration (drizzle ignores it)
drizzle/meta/_journal.json       {"version": "7", "dialect": "postgresql", "entries": [...]}
drizzle/meta/0000_snapshot.json  the schema after 0000, postgres snapshot version 7
```

This module only reads and writes those files; it knows nothing of schemas or databases. Everything
that reads a folder (generate, migrate, status, check) goes through it so that one set of error
messages covers a corrupt journal, and the hash is computed exactly as drizzle-orm computes it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pgshift.errors import FolderError as FolderError  # re-exported: folder readers catch it from here
from pgshift.format.drizzle import BREAKPOINT as BREAKPOINT
from pgshift.format.drizzle import DIALECT as DIALECT
from pgshift.format.drizzle import DOWN_SUFFIX as DOWN_SUFFIX
from pgshift.format.drizzle import JOURNAL_VERSION as JOURNAL_VERSION
from pgshift.format.drizzle import SNAPSHOT_VERSION as SNAPSHOT_VERSION
from pgshift.format.drizzle import read_json as read_json
from pgshift.format.drizzle import read_text as read_text
from pgshift.format.drizzle import to_json as to_json


@dataclass(frozen=True)
class JournalEntry:
    """One migration's entry in ``meta/_journal.json``, as drizzle-kit writes it."""

    idx: int
    version: str
    when: int  # Date.now() at generate time, milliseconds
    tag: str
    breakpoints: bool = True

    @property
    def prefix(self) -> str:
        """The tag's prefix (``0003`` of ``0003_add_users``); names the snapshot file."""
        return self.tag.split("_", 1)[0]


@dataclass(frozen=True)
class Journal:
    """``meta/_journal.json``: the folder's migrations, in order."""

    version: str = JOURNAL_VERSION
    dialect: str = DIALECT
    entries: tuple[JournalEntry, ...] = ()

    def entry(self, tag: str) -> JournalEntry | None:
        for entry in self.entries:
            if entry.tag == tag:
                return entry
        return None


@dataclass(frozen=True)
class Migration:
    """One journal entry with its files read."""

    entry: JournalEntry
    path: Path
    sql: str  # the raw file text, exactly as hashed
    hash: str  # sha256 hex of the file, as drizzle-orm stores it
    down_path: Path
    down_sql: str | None  # None when there is no .down.sql

    @property
    def tag(self) -> str:
        return self.entry.tag

    @property
    def statements(self) -> list[str]:
        return split_statements(self.sql, self.entry.breakpoints)


def meta_dir(folder: Path) -> Path:
    return folder / "meta"


def journal_path(folder: Path) -> Path:
    return meta_dir(folder) / "_journal.json"


def sql_path(folder: Path, tag: str) -> Path:
    return folder / f"{tag}.sql"


def down_path(folder: Path, tag: str) -> Path:
    return folder / f"{tag}{DOWN_SUFFIX}"


def snapshot_path(folder: Path, entry: JournalEntry) -> Path:
    return meta_dir(folder) / f"{entry.prefix}_snapshot.json"


def sha256_text(text: str) -> str:
    """sha256 hex of UTF-8 text: what drizzle-orm stores in ``__drizzle_migrations.hash``."""
    import hashlib  # (only where checksums are needed: its OpenSSL binding costs ~2.5 ms to load)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_statements(sql: str, breakpoints: bool = True) -> list[str]:
    """Split a migration file as drizzle-orm does: on the breakpoint marker, blank pieces dropped.

    A file written without breakpoints is one statement list for the server to split; a runner that
    needs single statements (pgshift's non-transactional mode) splits further with the SQL parser.
    """
    if not breakpoints:
        return [sql] if sql.strip() else []
    return [piece for piece in sql.split(BREAKPOINT) if piece.strip()]


def read_journal(folder: Path) -> Journal:
    """The folder's journal; an empty one when the folder or the journal does not exist yet."""
    path = journal_path(folder)
    if not path.exists():
        return Journal()
    data = read_json(path)
    where = str(path)
    if not isinstance(data, dict):
        raise FolderError("the journal must be a JSON object", where=where)
    version = str(data.get("version", ""))
    if version != JOURNAL_VERSION:
        newer = version.isdigit() and int(version) > int(JOURNAL_VERSION)
        raise FolderError(
            f"journal version {version!r} is not supported (pgshift reads version {JOURNAL_VERSION})",
            where=where,
            hint="upgrade pgshift" if newer else "upgrade the folder with `drizzle-kit up` first",
        )
    if data.get("dialect") != DIALECT:
        raise FolderError(
            f"journal dialect is {data.get('dialect')!r}, pgshift handles only {DIALECT!r}", where=where
        )
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise FolderError("journal has no 'entries' list", where=where)
    entries = []
    for position, raw in enumerate(raw_entries):
        entries.append(_parse_entry(raw, f"{where}: entries[{position}]"))
    return Journal(version=version, dialect=DIALECT, entries=tuple(entries))


def _parse_entry(raw: Any, where: str) -> JournalEntry:
    if not isinstance(raw, dict):
        raise FolderError("journal entry is not an object", where=where)
    try:
        idx, when, tag = raw["idx"], raw["when"], raw["tag"]
    except KeyError as exc:
        raise FolderError(f"journal entry lacks {exc.args[0]!r}", where=where) from None
    if not isinstance(idx, int) or isinstance(idx, bool):
        raise FolderError(f"journal entry idx must be a number, got {idx!r}", where=where)
    if not isinstance(when, int) or isinstance(when, bool):
        raise FolderError(f"journal entry 'when' must be a number of milliseconds, got {when!r}", where=where)
    if not isinstance(tag, str) or not tag or "/" in tag or "\\" in tag:
        raise FolderError(f"journal entry tag must be a file name, got {tag!r}", where=where)
    return JournalEntry(
        idx=idx,
        version=str(raw.get("version", JOURNAL_VERSION)),
        when=when,
        tag=tag,
        breakpoints=bool(raw.get("breakpoints", True)),
    )


def journal_json(journal: Journal) -> str:
    """The journal as drizzle-kit writes it (JSON.stringify with two-space indent, no final newline)."""
    data = {
        "version": journal.version,
        "dialect": journal.dialect,
        "entries": [
            {"idx": e.idx, "version": e.version, "when": e.when, "tag": e.tag, "breakpoints": e.breakpoints}
            for e in journal.entries
        ],
    }
    return to_json(data)


def current_umask() -> int:
    """The process umask (reading it means setting it; restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """The mode ``path`` should get: its current one when it exists, else 0666 minus the umask.

    mkstemp creates 0600 files; a migration folder is shared through version control and CI, so new
    files get what ``open()`` would give them (0644 under umask 022) and rewritten ones keep theirs.
    """
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def write_temp(path: Path, text: str) -> Path:
    """``text`` in a temporary file beside ``path`` (same file system, so a rename is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, file_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_text_atomic(path: Path, text: str) -> None:
    """Write a file so that a crash leaves either the old or the new content, never half of one."""
    tmp = write_temp(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_migration(folder: Path, entry: JournalEntry) -> Migration:
    """Read one entry's SQL (and down SQL if present); a missing up file is a FolderError."""
    path = sql_path(folder, entry.tag)
    try:
        sql = read_text(path)
    except FileNotFoundError:
        raise FolderError(
            f"migration {entry.tag} is in the journal but its SQL file is missing",
            where=str(path),
            hint="restore the file from version control, or remove the entry from meta/_journal.json",
        ) from None
    dpath = down_path(folder, entry.tag)
    down = None
    if dpath.exists():
        down = read_text(dpath)
    return Migration(entry=entry, path=path, sql=sql, hash=sha256_text(sql), down_path=dpath, down_sql=down)


def snapshot_files(folder: Path) -> list[Path]:
    """``meta/*_snapshot.json`` sorted by name, as drizzle-kit lists them."""
    meta = meta_dir(folder)
    if not meta.is_dir():
        return []
    return sorted(p for p in meta.iterdir() if p.name.endswith("_snapshot.json"))
