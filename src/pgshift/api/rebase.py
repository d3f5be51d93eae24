"""``pgshift rebase``: after a git merge, regenerate the later branch's migration on top of the other.

Two branches that each generated a migration from the same parent leave two snapshots sharing one
``prevId`` (a collision). drizzle-orm would run both, but the later one's snapshot does not include the
first one's changes, so the next ``generate`` diffs against a wrong schema. Rebase, like ``git rebase``:

1. find the first collision (two journal entries whose snapshots share a prevId); keep the first in
   journal order, take the later one out;
2. refuse if the later migration was edited by hand (its SQL is not what its snapshots produce), or if
   another migration was built on top of it — unless ``force``;
3. three-way merge the snapshots: the first branch's tip + (parent -> later) changes, key by key; a key
   both branches changed differently is a conflict and stops the rebase;
4. diff the tip against the merged schema with generate's machinery (``pgshift.diff``, ``pgshift.render``,
   ``pgshift.snapshot``), carrying the later migration's renames (its snapshot ``_meta``), and write it
   as the newest migration; the journal is written last, then the later migration's old files go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pgshift.errors import FolderError, PgshiftError
from pgshift.folder import files as fs
from pgshift.folder.migration_folder import MigrationFolder
from pgshift.sources.snapshot import EMPTY_ID as ZERO_ID

_MISSING = object()
# Drizzle's sections, and pgshift's own key holding the kinds Drizzle has none for (functions, triggers,
# rules, defined objects), each keyed by identity so the three-way merge works per object.
_MERGED_SECTIONS = ("tables", "enums", "schemas", "sequences", "views", "roles", "policies", "pgshift")


class RebaseError(PgshiftError):
    """The folder cannot be rebased as it is (hand-edited migration, conflict, nothing to do)."""


@dataclass(frozen=True)
class Collision:
    parent: str  # the shared prevId
    kept: fs.JournalEntry
    moved: fs.JournalEntry


@dataclass(frozen=True)
class RebaseResult:
    collision: Collision
    tag: str  # the regenerated migration
    removed: tuple[Path, ...]
    written: tuple[Path, ...]
    sql: str


def find_collision(folder: Path) -> Collision | None:
    """The first pair of journal entries whose snapshots share a prevId (journal order decides)."""
    seen: dict[str, fs.JournalEntry] = {}
    migrations = MigrationFolder(folder)
    for entry in migrations.journal().entries:
        data = migrations.snapshot_data_or_none(migrations.snapshot_path(entry))
        if data is None:
            continue
        parent = str(data.get("prevId", ""))
        if parent in seen:
            return Collision(parent, seen[parent], entry)
        seen[parent] = entry
    return None


def three_way(base: Any, ours: Any, theirs: Any, path: str = "") -> Any:
    """Merge ``theirs``' changes (relative to ``base``) into ``ours``; ``_MISSING`` marks an absent key."""
    if theirs == base:
        return ours
    if ours in (base, theirs):
        return theirs
    if isinstance(base, dict) and isinstance(ours, dict) and isinstance(theirs, dict):
        out = {}
        for key in list(ours) + [k for k in theirs if k not in ours] + [k for k in base if k not in ours]:
            if key in out:
                continue
            merged = three_way(base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING),
                               f"{path}.{key}" if path else key)  # fmt: skip
            if merged is not _MISSING:
                out[key] = merged
        return out
    raise RebaseError(
        f"both branches changed {path or 'the schema'} differently",
        hint="resolve it by hand: keep one branch's migration, change the schema code, run `pgshift generate`",
    )


def _renames(snapshot: dict[str, Any]) -> Any:
    """RenameDecisions recorded in a snapshot's ``_meta`` (quoted qualified names, as drizzle-kit writes)."""
    from pgshift.diff.renames import RenameDecisions

    def parts(quoted: str) -> list[str]:
        return quoted.strip('"').split('"."')

    decisions = RenameDecisions()
    meta = snapshot.get("_meta") or {}
    for old, new in (meta.get("schemas") or {}).items():
        decisions = decisions.with_rename("schema", "", parts(old)[-1], parts(new)[-1])
    for old, new in (meta.get("tables") or {}).items():
        (schema, old_name), new_name = parts(old)[-2:], parts(new)[-1]
        decisions = decisions.with_rename("table", schema, old_name, new_name)
    for old, new in (meta.get("columns") or {}).items():
        *container, old_name = parts(old)
        decisions = decisions.with_rename("column", ".".join(container[-2:]), old_name, parts(new)[-1])
    return decisions


def _normalized(sql: str) -> str:
    """SQL without comments, spacing and breakpoints (deparsed from libpg_query's tree)."""
    import postgast

    from pgshift.pg.parser import SqlSyntaxError, parse_statements

    try:
        parse_statements(sql)
    except SqlSyntaxError:
        return sql
    deparsed: str = postgast.deparse(postgast.parse(sql.replace(fs.BREAKPOINT, "")))
    return deparsed


def _model(data: dict[str, Any] | None, where: str) -> Any:
    from pgshift.model.schema import Model
    from pgshift.sources.snapshot import snapshot_to_model

    return Model() if data is None else snapshot_to_model(data, where=where)


def rebase(
    folder: Path,
    *,
    prefix: str = "index",
    force: bool = False,
    now: datetime | None = None,
    snapshot_file: Path | None = None,
) -> RebaseResult:
    """Regenerate the later of the first colliding pair on top of the journal's tip (see module doc).

    ``snapshot_file`` is the later migration's own snapshot when the merge lost it: both branches
    numbered their migration alike (index prefixes), so both wrote ``meta/NNNN_snapshot.json`` and git
    kept one of them.
    """
    from pgshift.api.generate import make_tag
    from pgshift.diff.differ import diff
    from pgshift.diff.render import check_parses, down_sql, migration_sql
    from pgshift.sources.snapshot import model_to_snapshot, new_snapshot_id, snapshot_json

    collision = find_collision(folder)
    if collision is None:
        raise RebaseError("no collision: no two snapshots share a parent", where=str(folder),
                          hint="nothing to rebase; `pgshift check` lists the folder's problems")  # fmt: skip
    migrations = MigrationFolder(folder)
    journal = migrations.journal()
    moved = collision.moved
    snapshots = {
        e.tag: migrations.snapshot_data_or_none(migrations.snapshot_path(e)) for e in journal.entries
    }
    shared = moved.prefix == collision.kept.prefix
    if snapshot_file is not None:
        moved_snapshot = migrations.snapshot_data_or_none(snapshot_file)
        if moved_snapshot is None:
            raise RebaseError(f"{snapshot_file} is not a readable snapshot", where=str(snapshot_file))
        snapshots[moved.tag] = moved_snapshot
    elif shared:
        raise RebaseError(
            f"{collision.kept.tag} and {moved.tag} share meta/{moved.prefix}_snapshot.json; the merge kept only "
            f"one branch's snapshot",
            hint=f"git show <other-branch>:<folder>/meta/{moved.prefix}_snapshot.json > theirs.json, then "
            "`pgshift rebase --snapshot theirs.json`",
        )
    moved_snapshot = snapshots[moved.tag]
    assert moved_snapshot is not None
    moved_id = moved_snapshot.get("id")
    children = [e.tag for e in journal.entries if (snapshots[e.tag] or {}).get("prevId") == moved_id]
    if children and not force:
        raise RebaseError(f"{', '.join(children)} was generated on top of {moved.tag}",
                          hint="rebase supports one migration per branch; squash that branch's migrations "
                          "first, or pass --force to rebase only this one")  # fmt: skip
    by_id = {str(d.get("id")): d for d in snapshots.values() if d}
    parent = by_id.get(collision.parent) if collision.parent != ZERO_ID else None
    if collision.parent != ZERO_ID and parent is None:
        raise RebaseError(f"the shared parent snapshot {collision.parent} is missing",
                          hint="restore meta/ from version control")  # fmt: skip
    renames = _renames(moved_snapshot)
    parent_model = _model(parent, "parent snapshot")
    moved_model = _model(moved_snapshot, f"{moved.tag} snapshot")
    moved_path = fs.sql_path(folder, moved.tag)
    moved_sql = fs.read_text(moved_path)
    expected = migration_sql(diff(parent_model, moved_model, renames=renames))
    if _normalized(expected) != _normalized(moved_sql) and not force:
        raise RebaseError(
            f"{moved.tag}.sql is not what its snapshots produce: it was edited by hand (or written by "
            "another tool)",
            where=str(moved_path),
            hint="regenerating it would lose the edits; re-apply them after `pgshift rebase --force`, or move "
            "the migration by hand",
        )
    remaining = tuple(e for e in journal.entries if e.tag != moved.tag)
    tip_entry = remaining[-1]
    tip = snapshots[tip_entry.tag]
    base_sections = {k: (parent or {}).get(k, {}) for k in _MERGED_SECTIONS}
    merged = dict(tip or {})
    for key in _MERGED_SECTIONS:
        merged[key] = three_way(
            base_sections[key], (tip or {}).get(key, {}), moved_snapshot.get(key, {}), key
        )
    if not merged.get("pgshift"):
        merged.pop("pgshift", None)  # written only when it holds something
    tip_model = _model(tip, f"{tip_entry.tag} snapshot")
    target = _model(merged, "merged snapshot")
    ops = diff(tip_model, target, renames=renames)
    rendered = check_parses(ops, writing="written")
    renumbered = tuple(
        fs.JournalEntry(i, e.version, e.when, e.tag, e.breakpoints) for i, e in enumerate(remaining)
    )
    when_dt = now or datetime.now(UTC)
    when = max(int(when_dt.timestamp() * 1000), max(e.when for e in journal.entries) + 1)
    idx = len(renumbered)
    label = moved.tag.split("_", 1)[1] if "_" in moved.tag else moved.tag
    tag = make_tag(idx, prefix, label, when_dt)
    entry = fs.JournalEntry(idx, fs.JOURNAL_VERSION, when, tag, moved.breakpoints)
    snapshot = model_to_snapshot(target, id=new_snapshot_id(), prev_id=str((tip or {}).get("id", ZERO_ID)))
    snapshot["_meta"] = moved_snapshot.get("_meta", snapshot["_meta"])
    up, down = migration_sql(ops, rendered), down_sql(ops, rendered)
    own = [moved_path, fs.down_path(folder, moved.tag)] + (
        [] if shared else [fs.snapshot_path(folder, moved)]
    )
    old_files = [p for p in own if p.exists()]

    new_journal = fs.Journal(journal.version, journal.dialect, (*renumbered, entry))
    try:
        written = migrations.write_migration(
            new_journal, entry, up=up, down=down, snapshot=snapshot_json(snapshot), replaces=old_files
        )
    except FolderError as exc:
        raise RebaseError(exc.message, where=exc.where, hint="remove the stray file") from None
    removed = [path for path in old_files if path not in written]
    return RebaseResult(collision, tag, tuple(removed), written[:-1], up)
