"""Roll back applied migrations: run their down files, newest first, under the advisory lock.

Split from ``runner.run`` so that ``pgshift migrate`` (which runs at every deploy and application
start-up) does not import it: the rollback pre-checks, the destruction counts and their result types
are only needed by ``pgshift rollback``. Same rules as migrate: every chosen migration is checked (down
file present, not irreversible, SQL parses, the data allows it) before the first one runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from pgshift.errors import EXIT_ERROR, PgshiftError
from pgshift.format.headers import irreversible_reason
from pgshift.runner.execute import Unit, run_units
from pgshift.runner.lock import advisory_lock, lock_key
from pgshift.runner.options import RunOptions
from pgshift.runner.plan import Plan, PlanEntry, State, build_plan
from pgshift.runner.results import Applied, Reporter
from pgshift.runner.run import configure_session, connect, load_items, pooled_warning, prepare, unit_sql
from pgshift.runner.tracking import TrackingTable, delete_statement, read_state
from pgshift.urls import mask_url

if TYPE_CHECKING:
    from pgshift.pg.parser import Statement
    from pgshift.runner.rollback_checks import RollbackBlocker


@dataclass(eq=False)
class RollbackRefused(PgshiftError):
    """The down migration would fail on the current data; nothing was run. ``blockers`` has the counts."""

    blockers: tuple[RollbackBlocker, ...] = ()


@dataclass(frozen=True)
class Destruction:
    """Something a down migration destroys, with how much data it holds now (None: unknown)."""

    tag: str
    line: int
    what: str  # "table public.users" / "column public.users.email"
    rows: int | None


@dataclass(frozen=True)
class RollbackStep:
    """One down migration to run: what it destroys, what would make it fail, what it cannot restore."""

    entry: PlanEntry
    unit: Unit
    destruction: tuple[Destruction, ...] = ()
    blockers: tuple[RollbackBlocker, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def tag(self) -> str:
        return self.entry.tag


@dataclass(frozen=True)
class RollbackResult:
    steps: tuple[RollbackStep, ...] = ()
    rolled_back: tuple[Applied, ...] = ()
    dry_run_sql: str | None = None
    warnings: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "rolled_back": [{"tag": a.tag, "duration_ms": a.duration_ms} for a in self.rolled_back],
            "plan": [
                {
                    "tag": s.tag,
                    "transactional": s.unit.mode.transactional,
                    "groups": len(s.unit.groups),
                    "destroys": [{"what": d.what, "rows": d.rows, "line": d.line} for d in s.destruction],
                    "blocked_by": [{"what": b.what, "rows": b.count, "line": b.line} for b in s.blockers],
                    "not_restored": list(s.notes),
                }
                for s in self.steps
            ],
            "dry_run_sql": self.dry_run_sql,
            "warnings": list(self.warnings),
        }


def _names(items: Any) -> list[str]:
    return [item.string.sval for item in items]


def _destruction(
    conn: psycopg.Connection[Any], tag: str, statements: tuple[Statement, ...]
) -> list[Destruction]:
    object_table, at_drop_column = _constants()
    out: list[Destruction] = []
    for st in statements:
        targets: list[tuple[str, list[str], str | None]] = []
        if st.kind == "drop_stmt" and st.node.remove_type == object_table:
            for obj in st.node.objects:
                parts = _names(obj.list.items)
                targets.append(("table " + ".".join(parts), parts, None))
        elif st.kind == "alter_table_stmt":
            rel = st.node.relation
            parts = [p for p in (rel.schemaname, rel.relname) if p]
            for cmd in st.node.cmds:
                c = cmd.alter_table_cmd
                if c.subtype == at_drop_column:
                    targets.append((f"column {'.'.join(parts)}.{c.name}", parts, c.name))
        for what, parts, column in targets:
            counted = sql.SQL("count({})").format(sql.Identifier(column)) if column else sql.SQL("count(*)")
            query = sql.SQL("SELECT {} FROM {}").format(counted, sql.Identifier(*parts))
            try:
                rows = int(conn.execute(query).fetchone()[0])  # type: ignore[index]
            except psycopg.Error:
                rows = None
            out.append(Destruction(tag, st.line, what, rows))
    return out


def _constants() -> tuple[int, int]:
    """libpg_query's enum numbers for DROP TABLE and ALTER TABLE ... DROP COLUMN (named constants)."""
    from pgshift.runner import rollback_checks

    return rollback_checks.OBJECT_TABLE, rollback_checks.AT_DROP_COLUMN


def choose_rollback(plan: Plan, steps: int | None, to: str | None) -> list[PlanEntry]:
    """Newest applied first: the last ``steps`` applied, or everything applied after ``to``."""
    applied = plan.applied  # application order
    if to is not None:
        target = next((e for e in applied if e.tag == to), None)
        if target is None:
            raise PgshiftError(
                f"--to {to}: not an applied migration",
                hint="applied: " + (", ".join(e.tag for e in applied) or "none"),
            )
        index = applied.index(target)
        return list(reversed(applied[index + 1 :]))
    count = 1 if steps is None else steps
    if count < 0:
        raise PgshiftError("--steps must be >= 0")
    return list(reversed(applied[max(0, len(applied) - count) :])) if count else []


def _down_unit(entry: PlanEntry, table: TrackingTable, server_version: int) -> Unit:
    migration = entry.migration
    row = entry.row
    assert row is not None
    if migration is None or migration.down_sql is None:
        path = migration.down_path if migration else Path(f"{entry.tag}.down.sql")
        raise PgshiftError(
            f"cannot roll back {entry.tag}: it has no down migration",
            where=str(path),
            hint="write the reverse SQL into that file (or restore it), then run rollback again",
        )
    reason = irreversible_reason(migration.down_sql)
    if reason is not None:
        raise PgshiftError(
            f"cannot roll back {entry.tag}: its down migration is marked irreversible: {reason}",
            where=str(migration.down_path),
            hint="restore from a backup, or write a new forward migration that undoes it",
        )
    mode, groups = prepare(entry.tag, migration.down_path, migration.down_sql, True, server_version)
    row_id = row.id
    return Unit(
        entry.tag, migration.down_path, mode, groups, lambda _ms, _exists: delete_statement(table, row_id)
    )


def rollback(
    url: str,
    folder: Path,
    table: TrackingTable,
    *,
    steps: int | None = 1,
    to: str | None = None,
    options: RunOptions | None = None,
    confirm: Callable[[list[RollbackStep]], bool] | None = None,
    reporter: Reporter | None = None,
) -> RollbackResult:
    """Run down migrations, newest first, deleting their tracking rows; ``confirm`` sees what is destroyed.

    Every chosen migration is checked (down file present, not irreversible, SQL parses) before the
    first one runs.
    """
    options = options or RunOptions()
    reporter = reporter or Reporter()
    items = load_items(folder)
    warning = pooled_warning(url)
    if warning:
        reporter.warning(warning)
    with connect(url) as conn:
        try:
            key = lock_key(table.schema, table.table)
            lock = (
                contextlib.nullcontext(0.0)
                if options.dry_run
                else advisory_lock(conn, key, wait=options.lock_wait, on_wait=reporter.lock_waiting)
            )
            with lock:
                plan = build_plan(items, read_state(conn, table))
                chosen = choose_rollback(plan, steps, to)
                warnings = [
                    f"{e.tag} is {e.state}: rolling back with its current down file"
                    for e in chosen
                    if e.state is State.MODIFIED
                ]
                for message in warnings:
                    reporter.warning(message)
                from pgshift.runner import rollback_checks

                version = conn.info.server_version
                planned = []
                for entry in chosen:
                    unit = _down_unit(entry, table, version)
                    statements = unit.mode.statements
                    down_sql = entry.migration.down_sql if entry.migration else None
                    planned.append(
                        RollbackStep(
                            entry,
                            unit,
                            tuple(_destruction(conn, entry.tag, statements)),
                            tuple(rollback_checks.blockers(conn, entry.tag, statements)),
                            tuple(rollback_checks.data_notes(down_sql or "", statements)),
                        )
                    )
                for step in planned:
                    for note in step.notes:
                        reporter.warning(f"{step.tag}: {note}")
                refused = [b for step in planned for b in step.blockers]
                if refused and not options.dry_run:
                    raise RollbackRefused(
                        "refusing to roll back: the down migration would fail on the data now in the database; "
                        "nothing was changed:\n  " + "\n  ".join(b.describe() for b in refused),
                        where=str(planned[0].unit.path),
                        hint="change or delete those rows first (or write a down file that converts them), then "
                        "run rollback again",
                        blockers=tuple(refused),
                    )
                if options.dry_run or not planned:
                    text = _rollback_sql(conn, planned) if options.dry_run else None
                    return RollbackResult(tuple(planned), (), text, tuple(warnings))
                if confirm is not None and not confirm(planned):
                    raise PgshiftError("rollback cancelled; nothing was changed", exit_code=EXIT_ERROR)
                configure_session(conn, options)
                single = dataclasses.replace(options, single_transaction=False)
                done = run_units(conn, [s.unit for s in planned], single, reporter, url)
                return RollbackResult(tuple(planned), tuple(done), None, tuple(warnings))
        except psycopg.Error as exc:
            raise PgshiftError(f"database error: {mask_url(str(exc))}") from None


def _rollback_sql(conn: psycopg.Connection[Any], planned: list[RollbackStep]) -> str:
    out = []
    for step in planned:
        out.append(f"-- roll back {step.tag}")
        out.extend(f"-- blocked: {b.describe()}" for b in step.blockers)
        out.extend(f"-- note: {note}" for note in step.notes)
        out.extend(unit_sql(conn, step.unit))
        out.append("")
    return "\n".join(out) or "-- nothing to roll back\n"


__all__ = [
    "Destruction",
    "RollbackRefused",
    "RollbackResult",
    "RollbackStep",
    "choose_rollback",
    "rollback",
]
