"""Folder integrity: journal, SQL files and snapshots agree, and the snapshot chain is one line.

drizzle-kit and drizzle-orm fail silently on most of these (a stray .sql is ignored, an older `when`
is skipped at migrate time, two snapshots on one parent come from two branches generating in
parallel). Each problem is a ``lint.Finding`` (rule id ``folder-*``) with the fix, so ``pgshift check``
prints and counts them together with the SQL findings.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from pgshift.folder import files as fs
from pgshift.folder.migration_folder import MigrationFolder, journal_duplicates
from pgshift.lint.finding import Finding
from pgshift.sources.snapshot import EMPTY_ID as ZERO_ID

SUPPORTED_SNAPSHOT_VERSIONS = ("7",)
INTEGRITY_RULES = (
    "folder-no-journal", "folder-journal-invalid", "folder-duplicate-idx", "folder-duplicate-tag",
    "folder-idx-gap", "folder-when-order", "folder-missing-sql", "folder-missing-snapshot", "folder-stray-sql",
    "folder-stray-snapshot", "folder-snapshot-invalid", "folder-snapshot-version", "folder-duplicate-snapshot-id",
    "folder-chain-break", "folder-collision", "folder-applied-changed", "folder-shared-snapshot",
)  # fmt: skip


def _f(rule: str, severity: str, message: str, path: str, fix: str, line: int = 0) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, path=path, line=line, fix=fix)


def check_folder(folder: Path, *, display: str | None = None) -> list[Finding]:
    """Every integrity problem of ``folder`` (no database needed)."""
    shown = display if display is not None else str(folder)
    jpath = f"{shown}/meta/_journal.json"
    if not fs.journal_path(folder).exists():
        if any(folder.glob("*.sql")):
            return [_f("folder-no-journal", "error", "SQL files but no meta/_journal.json", jpath,
                       "restore meta/_journal.json from version control")]  # fmt: skip
        return []
    try:
        journal = MigrationFolder(folder).journal()
    except fs.FolderError as exc:
        return [_f("folder-journal-invalid", "error", exc.message, jpath, exc.hint or "restore the journal")]
    out: list[Finding] = []
    out += _journal_order(journal, jpath)
    out += _files(folder, journal, shown)
    out += _snapshot_chain(folder, journal, shown)
    return out


def _journal_order(journal: fs.Journal, jpath: str) -> list[Finding]:
    out = []
    for dup in journal_duplicates(journal):
        if dup.kind == "idx":
            out.append(_f("folder-duplicate-idx", "error", dup.describe(), jpath,
                          "run `pgshift rebase` to renumber the later branch's migration"))  # fmt: skip
        else:
            out.append(_f("folder-duplicate-tag", "error", dup.describe(), jpath,
                          "remove the duplicate entry from meta/_journal.json"))  # fmt: skip
    for position, e in enumerate(journal.entries):
        if e.idx != position:
            out.append(_f("folder-idx-gap", "error", f"entry {e.tag} has idx {e.idx}, expected {position}",
                          jpath, "renumber idx 0, 1, 2, ... in journal order (or `pgshift rebase` after a merge)"))  # fmt: skip
        if position and e.when <= journal.entries[position - 1].when:
            prev = journal.entries[position - 1]
            out.append(_f("folder-when-order", "error",
                          f"{e.tag} has when={e.when}, not after {prev.tag}'s when={prev.when}: drizzle-orm's "
                          "migrator skips a migration older than the newest applied one", jpath,
                          "run `pgshift rebase` to regenerate it as the newest migration"))  # fmt: skip
    return out


def _files(folder: Path, journal: fs.Journal, shown: str) -> list[Finding]:
    out = []
    tags = {e.tag for e in journal.entries}
    prefixes = {e.prefix for e in journal.entries}
    for e in journal.entries:
        if not fs.sql_path(folder, e.tag).exists():
            out.append(_f("folder-missing-sql", "error", f"journal entry {e.tag} has no {e.tag}.sql",
                          f"{shown}/{e.tag}.sql", "restore the file from version control, or remove the entry"))  # fmt: skip
        if not fs.snapshot_path(folder, e).exists():
            out.append(_f("folder-missing-snapshot", "error", f"journal entry {e.tag} has no snapshot",
                          f"{shown}/meta/{e.prefix}_snapshot.json",
                          "restore it from version control; without it the next generate diffs against an "
                          "older schema"))  # fmt: skip
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for e in journal.entries:
        by_prefix[e.prefix].append(e.tag)
    for prefix, shared in by_prefix.items():
        if len(shared) > 1:
            out.append(_f("folder-shared-snapshot", "error",
                          f"{', '.join(shared)} share meta/{prefix}_snapshot.json: two branches generated the same "
                          "number, and the merge kept only one snapshot", f"{shown}/meta/{prefix}_snapshot.json",
                          f"save the other branch's snapshot (git show <branch>:<folder>/meta/{prefix}_snapshot.json "
                          f"> theirs.json), then `pgshift rebase --snapshot theirs.json`"))  # fmt: skip
    for path in sorted(folder.glob("*.sql")):
        tag = path.name.removesuffix(fs.DOWN_SUFFIX).removesuffix(".sql")
        if tag not in tags:
            kind = "down migration" if path.name.endswith(fs.DOWN_SUFFIX) else "migration"
            out.append(_f("folder-stray-sql", "warning",
                          f"{path.name} is not in the journal: drizzle and pgshift never run this {kind}",
                          f"{shown}/{path.name}",
                          "add it with `pgshift generate --custom` (and move the SQL in), or delete it"))  # fmt: skip
    for path in fs.snapshot_files(folder):
        if path.name.split("_", 1)[0] not in prefixes:
            out.append(_f("folder-stray-snapshot", "warning", f"{path.name} belongs to no journal entry",
                          f"{shown}/meta/{path.name}", "delete it, or restore its journal entry"))  # fmt: skip
    return out


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """A snapshot's data, or the problem (the folder's one strict reader); (None, None) when absent."""
    if not path.exists():
        return None, None
    try:
        return MigrationFolder(path.parent.parent).snapshot_data(path), None
    except fs.FolderError as exc:
        return None, exc.message.removeprefix(f"{path.name} ").removeprefix("is ")


def _snapshot_chain(folder: Path, journal: fs.Journal, shown: str) -> list[Finding]:
    out = []
    by_parent: dict[str, list[str]] = defaultdict(list)
    ids: dict[str, str] = {}
    chain: list[tuple[str, str, str]] = []  # (tag, id, prevId)
    for e in journal.entries:
        path = fs.snapshot_path(folder, e)
        data, problem = _read(path)
        where = f"{shown}/meta/{path.name}"
        if problem:
            out.append(_f("folder-snapshot-invalid", "error", f"{path.name} is {problem}", where,
                          "restore it from version control"))  # fmt: skip
        if data is None:
            continue
        version = str(data.get("version", ""))
        if version not in SUPPORTED_SNAPSHOT_VERSIONS or data.get("dialect") not in (None, "postgresql"):
            out.append(_f("folder-snapshot-version", "error",
                          f"{path.name} is snapshot version {version!r} (dialect {data.get('dialect')!r}); "
                          "pgshift reads postgresql version 7", where,
                          "upgrade the folder with `drizzle-kit up`"))  # fmt: skip
        sid, prev = str(data.get("id", "")), str(data.get("prevId", ""))
        if sid in ids:
            out.append(_f("folder-duplicate-snapshot-id", "error", f"{path.name} has the same id as {ids[sid]}" if ids[sid] != path.name else f"{path.name} is the snapshot of two journal entries",
                          where, "a copied snapshot: regenerate this migration (`pgshift rebase`)"))  # fmt: skip
        ids.setdefault(sid, path.name)
        by_parent[prev].append(e.tag)
        chain.append((e.tag, sid, prev))
    for tag, _sid, prev in chain:
        if prev != ZERO_ID and prev not in ids:
            out.append(_f("folder-chain-break", "error",
                          f"{tag}'s snapshot has prevId {prev}, which is no snapshot's id", f"{shown}/meta",
                          "restore the missing snapshot, or set prevId to the id of the previous entry's "
                          "snapshot"))  # fmt: skip
    for prev, tags in by_parent.items():
        if len(tags) > 1:
            out.append(_f("folder-collision", "error",
                          f"snapshots of {', '.join(tags)} share the parent {prev}: two branches generated "
                          "migrations in parallel", f"{shown}/meta",
                          f"run `pgshift rebase` to regenerate {tags[-1]} on top of {tags[0]}"))  # fmt: skip
    return out


def check_applied(folder: Path, conn: Any, table: Any, *, display: str | None = None) -> list[Finding]:
    """Applied migrations whose file changed since (hash in the tracking table differs).

    Rows are matched to journal entries by ``created_at`` = ``when``, as drizzle-orm records them.
    """
    from pgshift.runner.tracking import read_state

    shown = display if display is not None else str(folder)
    state = read_state(conn, table)
    if not state.exists:
        return []
    by_when = {row.created_at: row for row in state.rows if row.created_at is not None}
    out = []
    try:
        entries = fs.read_journal(folder).entries
    except fs.FolderError:
        return []
    for e in entries:
        row = by_when.get(e.when)
        path = fs.sql_path(folder, e.tag)
        if row is None or not path.exists():
            continue
        try:
            digest = fs.sha256_text(fs.read_text(path))
        except fs.FolderError:
            continue  # the SQL lint reports a file that is not text
        if digest != row.hash:
            out.append(_f("folder-applied-changed", "error",
                          f"{e.tag} was applied (tracking row {row.id}) but its file has changed since",
                          f"{shown}/{path.name}",
                          "revert the edit and put the change in a new migration"))  # fmt: skip
    return out
