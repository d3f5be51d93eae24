"""Running migration files group by group, recording progress, so any interruption is resumable.

A Unit is one SQL file (an up or a down migration) cut into transaction groups (runner.groups).
Each transactional group runs in its own transaction together with the tracking-table statement
that records it; each autocommit group (a CONCURRENTLY statement) is announced in the tracking table
first (``group_running``), then run, then recorded. So after a failure, a kill, a lost connection
or a server restart, the tracking table says exactly which groups committed, and the next run
starts at the first one that did not: it never re-runs a committed group and never skips one.

An autocommit group that was in flight when the run died is repeated with care: an INVALID index
the interrupted build left is dropped concurrently first, and an index the build finished is kept
(the statement is skipped) instead of failing with "already exists".
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from pgshift.errors import PgshiftError
from pgshift.pg.sqlstate import describe, is_connection_lost, is_lock_timeout
from pgshift.runner.options import RunOptions
from pgshift.runner.results import Applied, MigrationError, Reporter
from pgshift.runner.retry import BlockerWatch, describe_blockers, with_lock_retries

if TYPE_CHECKING:  # the parser (libpg_query) loads only when something is pending
    from pgshift.pg.parser import Statement
    from pgshift.runner.groups import Group
    from pgshift.runner.txmode import TxMode

# (groups committed so far, group in flight or None, whether a progress row exists) -> statement
Progress = Callable[[int, int | None, bool], sql.Composed]
# (duration_ms, whether a progress row exists) -> the statement recording the whole file
Record = Callable[[int, bool], sql.Composed]


@dataclass(frozen=True)
class Unit:
    """One SQL file to run, cut into groups, with how to record progress and completion.

    ``done``/``running`` come from the tracking table when resuming: the groups already committed
    and the autocommit group that was in flight. ``progress`` is None for down files (a rollback
    records only its end).
    """

    tag: str
    path: Path
    mode: TxMode
    groups: tuple[Group, ...]
    record: Record
    progress: Progress | None = None
    abandon: sql.Composed | None = None  # deletes a progress row with no committed group
    done: int = 0
    running: int | None = None

    @property
    def resuming(self) -> bool:
        return self.done > 0 or self.running is not None


@dataclass
class _Position:
    """Where the run is, for the error message."""

    group: Group | None = None
    number: int = 0  # statement number within the file (1-based)
    statement: Statement | None = None


def _statement_numbers(unit: Unit) -> dict[int, int]:
    """id(statement) -> its 1-based number in the file."""
    out: dict[int, int] = {}
    for group in unit.groups:
        for statement in group.statements:
            out[id(statement)] = len(out) + 1
    return out


def _failure(
    unit: Unit,
    at: _Position,
    exc: psycopg.Error,
    *,
    committed: int,
    completed: list[str],
    watch: BlockerWatch,
    options: RunOptions,
    extra: list[str] | None = None,
) -> MigrationError:
    text = describe(exc)
    total_groups = len(unit.groups)
    total = sum(len(g.statements) for g in unit.groups)
    statement = at.statement
    line = statement.line if statement else None
    group = at.group
    in_group = f", group {group.number} of {total_groups}" if group is not None and total_groups > 1 else ""
    if statement is not None:
        what = f"statement {at.number} of {total} (line {line}{in_group})"
    else:
        what = f"recording it in the tracking table{in_group.replace(',', ' (', 1) + ')' if in_group else ''}"
    blockers: tuple[str, ...] = ()
    lost = is_connection_lost(exc)
    if lost:
        message = f"lost the connection to the database during migration {unit.tag}, {what}: {text}"
    else:
        message = f"migration {unit.tag} failed at {what}: {text}"
    hints: list[str] = []
    if committed and total_groups > 1:
        span = f"groups 1-{committed}" if committed > 1 else "group 1"
        hints.append(f"{span} of {total_groups} of {unit.tag} are committed and recorded;")
    if group is not None and total_groups == 1:
        hints.append(
            f"Nothing of {unit.tag} was applied (its transaction was rolled back)."
            if group.transactional
            else f"{unit.tag} runs without a transaction ({group.reason}); it is NOT recorded as applied."
        )
    elif group is not None:
        hints.append(
            f"group {group.number} was rolled back."
            if group.transactional
            else f"group {group.number} runs without a transaction ({group.reason})."
        )
    if total_groups > 1:
        hints.append(
            f"Fix the cause and run migrate again: it resumes {unit.tag} at group {committed + 1}, "
            "never repeating a committed group."
        )
    else:
        hints.append("Fix the cause and run migrate again.")
    if is_lock_timeout(exc):
        blockers = tuple(b.describe() for b in watch.last)
        hints.append(
            f"Gave up after {options.retries + 1} attempts at lock_timeout={options.lock_timeout}; "
            + describe_blockers(watch.last)
            + " Or raise --retries / --lock-timeout."
        )
    if completed:
        hints.append(f"Completed earlier in this run and kept: {', '.join(completed)}.")
    hints.extend(extra or [])
    return MigrationError(
        message,
        where=f"{unit.path}:{line}" if line else str(unit.path),
        hint=" ".join(hints),
        tag=unit.tag,
        statement=at.number if statement else None,
        line=line,
        sqlstate=exc.sqlstate,
        completed=tuple(completed),
        group=group.number if group else None,
        groups_total=total_groups,
        blocked_by=blockers,
    )


# ------------------------------------------------------------------------------- concurrent index builds


def _index_target(statement: Statement) -> tuple[str | None, str] | None:
    """(schema or None, name) of the index a CREATE INDEX CONCURRENTLY builds (None: unnamed/other)."""
    if statement.kind == "index_stmt" and statement.node.concurrent and statement.node.idxname:
        return statement.node.relation.schemaname or None, str(statement.node.idxname)
    return None


def _dropped_index(statement: Statement) -> tuple[str | None, str] | None:
    """(schema or None, name) of a DROP INDEX CONCURRENTLY of one index."""
    if statement.kind == "drop_stmt" and statement.node.concurrent and len(statement.node.objects) == 1:
        parts = [item.string.sval for item in statement.node.objects[0].list.items]
        return (parts[0] if len(parts) == 2 else None), parts[-1]
    return None


_INDEX_STATE = """
SELECT i.indisvalid
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = %(name)s AND n.nspname = coalesce(%(schema)s, current_schema())
"""


def _index_state(conn: psycopg.Connection[Any], schema: str | None, name: str) -> bool | None:
    """True: a valid index of that name exists; False: an INVALID one; None: none."""
    row = conn.execute(_INDEX_STATE, {"schema": schema, "name": name}).fetchone()
    return None if row is None else bool(row[0])


def _drop_index(schema: str | None, name: str) -> sql.Composed:
    ident = sql.Identifier(schema, name) if schema else sql.Identifier(name)
    return sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}").format(ident)


def _before_autocommit(conn: psycopg.Connection[Any], unit: Unit, group: Group, reporter: Reporter) -> bool:
    """Make an autocommit group safe to (re)run; False when its work is already done (skip it)."""
    statement = group.statements[0]
    target = _index_target(statement)
    interrupted = unit.running == group.number
    if target is not None:
        state = _index_state(conn, *target)
        if state is False:
            drop = _drop_index(*target)
            reporter.info(
                f"{unit.tag}: index {target[1]} is INVALID (an interrupted build); dropping it before building "
                f"again: {drop.as_string(conn)}"
            )
            conn.execute(drop)
            return True
        if state is True and interrupted:
            reporter.info(f"{unit.tag}: index {target[1]} was built before the interruption; keeping it")
            return False
    dropped = _dropped_index(statement)
    # A DROP INDEX that finished before the interruption has nothing left to drop.
    return not (dropped is not None and interrupted and _index_state(conn, *dropped) is None)


def _invalid_indexes(conn: psycopg.Connection[Any]) -> set[str]:
    from pgshift.catalog import load

    return {row[0] for row in conn.execute(load("invalid_indexes")).fetchall()}


def _concurrent_build(statement: Statement) -> bool:
    """Statements whose failure can leave an INVALID index behind."""
    if statement.kind == "index_stmt":
        return bool(statement.node.concurrent)
    if statement.kind == "reindex_stmt":
        return any(p.def_elem.defname == "concurrently" for p in statement.node.params)
    return False


def _cleanup_invalid(conn: psycopg.Connection[Any], before: set[str]) -> list[str]:
    """Drop the INVALID indexes a failed concurrent build left; say what was done."""
    notes = []
    with contextlib.suppress(psycopg.Error):
        for name in sorted(_invalid_indexes(conn) - before):
            drop = f"DROP INDEX CONCURRENTLY IF EXISTS {name}"
            try:
                conn.execute(drop.encode())  # catalog text, quoted by format('%I.%I')
                notes.append(f"The failed build left INVALID index {name}; pgshift dropped it ({drop}).")
            except psycopg.Error as exc:
                notes.append(f"The failed build left INVALID index {name}; drop it with: {drop} ({exc}).")
    return notes


# ------------------------------------------------------------------------------------------------ running


def _execute(conn: psycopg.Connection[Any], statement: Statement) -> None:
    conn.execute(statement.text.encode())  # the user's migration SQL, sent as written


def run_unit(
    conn: psycopg.Connection[Any],
    unit: Unit,
    options: RunOptions,
    reporter: Reporter,
    completed: list[str],
    watch: BlockerWatch,
) -> Applied:
    """Run the groups of ``unit`` not yet committed; record each; raise MigrationError on failure."""
    numbers = _statement_numbers(unit)
    total = len(unit.groups)
    start = time.monotonic()
    retries = 0
    row_exists = unit.resuming
    committed = unit.done
    at = _Position()

    def on_retry(attempt: int, delay: float, blockers: str) -> None:
        reporter.retrying(unit.tag, attempt, delay, f"{options.lock_timeout}; {blockers}")

    for group in unit.groups[unit.done :]:
        last = group.number == total
        at.group, at.number, at.statement = group, 0, None
        try:
            if group.transactional:

                def run_group(group: Group = group, last: bool = last, exists: bool = row_exists) -> None:
                    with conn.transaction():
                        for statement in group.statements:
                            at.number, at.statement = numbers[id(statement)], statement
                            _execute(conn, statement)
                        at.number, at.statement = 0, None
                        if last:
                            conn.execute(unit.record(int((time.monotonic() - start) * 1000), exists))
                        elif unit.progress is not None:
                            conn.execute(unit.progress(group.number, None, exists))

                _, tries = with_lock_retries(run_group, options=options, watch=watch, on_retry=on_retry)
                retries += tries
            else:
                statement = group.statements[0]
                if unit.progress is not None:
                    conn.execute(unit.progress(committed, group.number, row_exists))
                    row_exists = True
                if _before_autocommit(conn, unit, group, reporter):
                    at.number, at.statement = numbers[id(statement)], statement
                    before = _invalid_indexes(conn) if _concurrent_build(statement) else None
                    try:
                        _, tries = with_lock_retries(
                            lambda statement=statement: _execute(conn, statement),  # type: ignore[misc]
                            options=options,
                            watch=watch,
                            on_retry=on_retry,
                        )
                        retries += tries
                    except psycopg.Error as exc:
                        notes = (
                            []
                            if is_connection_lost(exc) or before is None
                            else _cleanup_invalid(conn, before)
                        )
                        if not is_connection_lost(exc) and unit.progress is not None:
                            # It failed, it was not interrupted: nothing is in flight any more.
                            with contextlib.suppress(psycopg.Error):
                                conn.execute(unit.progress(committed, None, True))
                                if committed == 0 and unit.abandon is not None:
                                    conn.execute(unit.abandon)
                        raise _failure(
                            unit, at, exc, committed=committed, completed=completed, watch=watch,
                            options=options, extra=notes,
                        ) from None  # fmt: skip
                at.number, at.statement = 0, None
                if last:
                    conn.execute(unit.record(int((time.monotonic() - start) * 1000), row_exists))
                elif unit.progress is not None:
                    conn.execute(unit.progress(group.number, None, row_exists))
        except MigrationError:
            raise
        except psycopg.Error as exc:
            raise _failure(
                unit, at, exc, committed=committed, completed=completed, watch=watch, options=options
            ) from None
        committed = group.number
        if unit.progress is not None and not last:
            row_exists = True
    duration = int((time.monotonic() - start) * 1000)
    return Applied(unit.tag, duration, all(g.transactional for g in unit.groups), retries)


def run_units(
    conn: psycopg.Connection[Any],
    units: list[Unit],
    options: RunOptions,
    reporter: Reporter,
    url: str | None = None,
) -> list[Applied]:
    """Run ``units`` in order (or all in one transaction with --single-transaction)."""
    from pgshift.runner.retry import seconds

    timeout = seconds(options.lock_timeout) or 1.0
    watch = BlockerWatch(url, conn.info.backend_pid, delay=max(0.05, min(timeout / 2, 0.5)))
    try:
        if options.single_transaction:
            return _run_single(conn, units, options, reporter, watch)
        done: list[Applied] = []
        completed: list[str] = []
        for unit in units:
            reporter.migration_started(unit.tag, unit.mode)
            result = run_unit(conn, unit, options, reporter, completed, watch)
            reporter.migration_finished(unit.tag, result.duration_ms)
            done.append(result)
            completed.append(unit.tag)
        return done
    finally:
        watch.close()


def _run_single(
    conn: psycopg.Connection[Any],
    units: list[Unit],
    options: RunOptions,
    reporter: Reporter,
    watch: BlockerWatch,
) -> list[Applied]:
    """Everything in one transaction (drizzle-orm's behaviour), retried whole on lock timeout."""
    blocked = [(u, g) for u in units for g in u.groups if not g.transactional]
    if blocked:
        unit, group = blocked[0]
        raise PgshiftError(
            f"--single-transaction is impossible: {unit.tag} cannot run in one transaction ({group.reason})",
            where=str(unit.path),
            hint="run without --single-transaction (each migration then commits group by group)",
        )
    at = _Position()
    current: list[Unit] = [units[0]]

    def run_all() -> list[Applied]:
        done: list[Applied] = []
        with conn.transaction():
            for unit in units:
                current[0] = unit
                numbers = _statement_numbers(unit)
                reporter.migration_started(unit.tag, unit.mode)
                start = time.monotonic()
                for group in unit.groups[unit.done :]:
                    at.group = group
                    for statement in group.statements:
                        at.number, at.statement = numbers[id(statement)], statement
                        _execute(conn, statement)
                at.number, at.statement = 0, None
                duration = int((time.monotonic() - start) * 1000)
                conn.execute(unit.record(duration, unit.resuming))
                done.append(Applied(unit.tag, duration, True))
        return done

    def on_retry(attempt: int, delay: float, blockers: str) -> None:
        reporter.retrying(current[0].tag, attempt, delay, f"{options.lock_timeout}; {blockers}")

    try:
        done, tries = with_lock_retries(run_all, options=options, watch=watch, on_retry=on_retry)
    except psycopg.Error as exc:
        error = _failure(current[0], at, exc, committed=0, completed=[], watch=watch, options=options)
        error.hint = (
            "Nothing of this run was applied (--single-transaction: the one transaction was rolled back). "
            + (error.hint or "")
        )
        raise error from None
    for applied in done:
        reporter.migration_finished(applied.tag, applied.duration_ms)
    return [Applied(a.tag, a.duration_ms, True, tries) for a in done]
