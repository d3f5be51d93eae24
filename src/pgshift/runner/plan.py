"""Journal vs. tracking table: what is applied, pending, modified or missing.

A migration is pending when ITS tag has not been applied, never because its ``when`` is newer than
the newest row (drizzle-orm's rule, which silently skips a migration merged from another branch).
Rows written by pgshift carry the tag in ``name``; rows written by drizzle-orm carry only the hash and
``created_at`` (= the journal's ``when``), so they are matched by hash first, then by ``when``.

Shared by migrate, status, rollback, baseline and ``check --db``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pgshift.folder.files import JournalEntry, Migration
from pgshift.folder.migration_folder import MigrationFolder
from pgshift.runner.tracking import AppliedRow, TrackingState


class State(enum.StrEnum):
    APPLIED = "applied"
    PENDING = "pending"
    MODIFIED = "modified"  # applied, but the file's checksum changed since
    MISSING = "missing"  # applied, but the file (or its journal entry) is gone
    PARTIAL = "partial"  # some transaction groups committed, the rest not yet (a rerun resumes)


@dataclass(frozen=True)
class PlanEntry:
    """One migration as the folder and the database see it.

    ``position`` is the index in the journal (None for a row with no journal entry). For a pending
    entry ``out_of_order`` means something later in the journal is already applied (a branch merge);
    for an applied one it means it was applied after a migration that comes later in the journal.
    """

    tag: str
    state: State
    position: int | None = None
    entry: JournalEntry | None = None
    migration: Migration | None = None
    row: AppliedRow | None = None
    out_of_order: bool = False

    @property
    def applied(self) -> bool:
        return self.row is not None

    @property
    def by_drizzle(self) -> bool:
        return self.row is not None and self.row.by_drizzle

    def progress(self) -> str | None:
        """ "partially applied (groups 1-2 of 4)" for a partial entry, else None."""
        row = self.row
        if self.state is not State.PARTIAL or row is None:
            return None
        done, total = row.groups_done or 0, row.groups_total or 0
        span = f"groups 1-{done}" if done > 1 else ("group 1" if done == 1 else "no group")
        return f"partially applied ({span} of {total})"

    def to_json(self) -> dict[str, Any]:
        row = self.row
        return {
            "tag": self.tag,
            "state": str(self.state),
            "out_of_order": self.out_of_order,
            "applied_at": row.applied_at.isoformat() if row and row.applied_at else None,
            "duration_ms": row.duration_ms if row else None,
            "applied_by": ("drizzle-orm" if row.by_drizzle else "pgshift") if row else None,
            "baselined": bool(row and row.baselined),
            "hash": self.migration.hash if self.migration else (row.hash if row else None),
            "applied_hash": row.hash if row else None,
            "groups_done": row.groups_done if row else None,
            "groups_total": row.groups_total if row else None,
        }


@dataclass(frozen=True)
class Plan:
    entries: tuple[PlanEntry, ...]
    tracking_exists: bool = True
    notes: tuple[str, ...] = field(default=())

    def having(self, state: State) -> list[PlanEntry]:
        return [e for e in self.entries if e.state is state]

    @property
    def pending(self) -> list[PlanEntry]:
        """Entries still to run, in journal order: pending ones and partly applied ones (to resume)."""
        return [e for e in self.entries if e.state in (State.PENDING, State.PARTIAL)]

    @property
    def partial(self) -> list[PlanEntry]:
        return self.having(State.PARTIAL)

    @property
    def applied(self) -> list[PlanEntry]:
        """Entries with a complete tracking row (applied, modified or missing), in application order."""
        done = [(e.row.id, e) for e in self.entries if e.row is not None and e.state is not State.PARTIAL]
        return [e for _, e in sorted(done, key=lambda pair: pair[0])]

    @property
    def modified(self) -> list[PlanEntry]:
        return self.having(State.MODIFIED)

    @property
    def missing(self) -> list[PlanEntry]:
        return self.having(State.MISSING)

    def find(self, tag: str) -> PlanEntry | None:
        for entry in self.entries:
            if entry.tag == tag:
                return entry
        return None


FolderItem = tuple[JournalEntry, Migration | None]


def load_folder(folder: Path) -> list[FolderItem]:
    """Journal entries with their files; None where the SQL file is missing (an error only if pending).

    Refuses a journal listing a tag or idx twice: it would run a migration twice.
    """
    migrations = MigrationFolder(folder)
    migrations.check_journal()
    return migrations.items()


def build_plan(items: list[FolderItem], state: TrackingState) -> Plan:
    """Match tracking rows to journal entries and classify every migration."""
    rows = list(state.rows)
    matched: dict[int, AppliedRow] = {}  # journal position -> row
    used: set[int] = set()  # row ids
    by_name: dict[str, AppliedRow] = {}
    for row in rows:
        if row.name is not None and row.name not in by_name:
            by_name[row.name] = row
    for position, (entry, _) in enumerate(items):
        named = by_name.get(entry.tag)
        if named is not None:
            matched[position] = named
            used.add(named.id)
    # drizzle-orm's rows: by hash, then by `when`.
    anonymous = [r for r in rows if r.name is None]
    for key in ("hash", "when"):
        for position, (entry, migration) in enumerate(items):
            if position in matched:
                continue
            for candidate in anonymous:
                if candidate.id in used:
                    continue
                if (key == "hash" and migration is not None and candidate.hash == migration.hash) or (
                    key == "when" and candidate.created_at == entry.when
                ):
                    matched[position] = candidate
                    used.add(candidate.id)
                    break

    last_applied_position = max(matched, default=-1)
    # An applied migration is out of order when something later in the journal was applied before it.
    late_positions: set[int] = set()
    min_id_after: int | None = None
    for position in sorted(matched, reverse=True):
        row_id = matched[position].id
        if min_id_after is not None and row_id > min_id_after:
            late_positions.add(position)
        min_id_after = row_id if min_id_after is None else min(min_id_after, row_id)
    entries: list[PlanEntry] = []
    for position, (entry, migration) in enumerate(items):
        found = matched.get(position)
        if found is None:
            entries.append(
                PlanEntry(
                    entry.tag,
                    State.PENDING,
                    position,
                    entry,
                    migration,
                    out_of_order=position < last_applied_position,
                )
            )
            continue
        row = found
        if row.partial and migration is not None:
            entry_state = State.PARTIAL
        elif migration is None:
            entry_state = State.MISSING
        elif migration.hash != row.hash:
            entry_state = State.MODIFIED
        else:
            entry_state = State.APPLIED
        late = position in late_positions
        entries.append(PlanEntry(entry.tag, entry_state, position, entry, migration, row, out_of_order=late))
    for row in rows:
        if row.id not in used:
            label = row.name or f"(hash {row.hash[:12]}, when {row.created_at})"
            entries.append(PlanEntry(label, State.MISSING, None, None, None, row))
    return Plan(tuple(entries), tracking_exists=state.exists)


@dataclass(frozen=True)
class StatusReport:
    """Everything ``pgshift status`` shows; the command only prints it.

    ``drift`` is the hook for schema drift (live database vs. the newest applied snapshot): the
    introspection code fills it with ``dataclasses.replace(report, drift=...)``; any object with a
    truthy value counts as drift for the exit code, and one with ``to_json()`` is included in --json.
    """

    folder: Path
    tracking_table: str
    plan: Plan
    drift: Any = None
    invalid_indexes: tuple[str, ...] = ()  # INVALID indexes (interrupted concurrent builds)

    @property
    def entries(self) -> tuple[PlanEntry, ...]:
        return self.plan.entries

    @property
    def problems(self) -> list[PlanEntry]:
        """Entries that make the database disagree with the folder (besides pending ones)."""
        return self.plan.modified + self.plan.missing

    @property
    def up_to_date(self) -> bool:
        return not self.plan.pending and not self.problems and not self.drift and not self.invalid_indexes

    @property
    def exit_code(self) -> int:
        return 0 if self.up_to_date else 1

    def to_json(self) -> dict[str, Any]:
        drift = self.drift
        if drift is not None and hasattr(drift, "to_json"):
            drift = drift.to_json()
        counts: dict[str, int] = {}
        for e in self.entries:
            counts[str(e.state)] = counts.get(str(e.state), 0) + 1
        return {
            "folder": str(self.folder),
            "tracking_table": self.tracking_table,
            "tracking_table_exists": self.plan.tracking_exists,
            "up_to_date": self.up_to_date,
            "counts": counts,
            "migrations": [e.to_json() for e in self.entries],
            "drift": drift,
            "invalid_indexes": list(self.invalid_indexes),
        }


def build_status(conn: Any, folder: Path, table: Any) -> StatusReport:
    """Read the folder and the tracking table (read-only: nothing is created) into a report.

    ``conn`` is a psycopg connection, ``table`` a tracking.TrackingTable.
    """
    from pgshift.catalog import load
    from pgshift.runner.tracking import read_state

    plan = build_plan(load_folder(folder), read_state(conn, table))
    invalid = tuple(row[0] for row in conn.execute(load("invalid_indexes")).fetchall())
    return StatusReport(folder, table.display, plan, invalid_indexes=invalid)
