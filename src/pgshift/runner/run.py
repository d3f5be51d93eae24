"""Apply migrations (and record them with baseline): each exactly once, under the advisory lock, safely.

The rules, and why:
- One session-level advisory lock around everything (pgshift.lock): eight app instances starting at
  once run each migration once; the others wait, then find nothing to do.
- Each migration runs as transaction groups (runner.groups): every run of statements that can share a
  transaction commits together, each CONCURRENTLY statement runs alone in autocommit. Progress is
  recorded per committed group (runner.execute), so a failure, kill or lost connection leaves whole
  groups, and the next run resumes at the first uncommitted one.
- Short ``lock_timeout`` and retries with backoff and jitter (runner.retry): a migration never sits
  queued behind a long query while every later query on the table queues behind it, and every retry
  names the sessions that block it.
- ``client_connection_check_interval`` (PG14+): a runner killed mid-migration does not leave its
  backend sleeping on, holding locks and the transaction; the server notices and rolls back.
- Every pending file is read (text only: no NUL byte, valid UTF-8), parsed and cut into groups
  before the lock is taken, so a bad folder stops the run before anything changes.
- Every message goes through urls.mask_url: no password in any output.

This module never imports SQLAlchemy: it runs at application start-up. With nothing pending it does
not import the SQL parser, the executor, the lock or the retry loop either (tests/test_import_footprint);
rollback lives in runner.rollback for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from pgshift.errors import FolderError, PgshiftError
from pgshift.folder.files import read_migration
from pgshift.runner.options import RunOptions
from pgshift.runner.plan import Plan, PlanEntry, State, build_plan, load_folder
from pgshift.runner.results import Applied, MigrateResult, MigrationError, Reporter
from pgshift.runner.tracking import (
    TrackingTable,
    abandon_statement,
    complete_statement,
    ensure,
    ensure_statements,
    insert_statement,
    progress_statement,
    read_state,
)
from pgshift.urls import is_pooled, mask_url, normalize_url

if TYPE_CHECKING:
    # Imported where pending work needs them: a run with nothing pending (every deploy, every app
    # start-up) pays for none of the SQL parser, the executor, the lock or the retry loop.
    from pgshift.runner.execute import Unit
    from pgshift.runner.groups import Group
    from pgshift.runner.txmode import TxMode

APPLICATION_NAME = "pgshift"


# ------------------------------------------------------------------------------------------- connection


def connect(url: str) -> psycopg.Connection[Any]:
    """An autocommit connection named "pgshift" (visible in pg_stat_activity); errors without password."""
    try:
        return psycopg.connect(
            normalize_url(url), autocommit=True, application_name=APPLICATION_NAME, connect_timeout=15
        )
    except psycopg.Error as exc:
        raise PgshiftError(
            f"cannot connect to the database: {mask_url(str(exc)).strip()}",
            where=mask_url(url),
            hint="check the URL (--url, --env, config `url`, $DATABASE_URL) and that the server is up",
        ) from None


def configure_session(conn: psycopg.Connection[Any], options: RunOptions) -> None:
    """Session-level settings (CONCURRENTLY statements cannot use transaction-level ones).

    ``standard_conforming_strings`` is set on because generated migrations write string literals in the
    standard form (a backslash is an ordinary character); a server or role configured with it off
    would read them differently.
    """
    settings: list[tuple[str, str]] = [("standard_conforming_strings", "on")]
    if options.lock_timeout is not None:
        settings.append(("lock_timeout", options.lock_timeout))
    if options.statement_timeout is not None:
        settings.append(("statement_timeout", options.statement_timeout))
    if conn.info.server_version >= 140000:
        settings.append(("client_connection_check_interval", "2s"))
    query = sql.SQL("SELECT {}").format(
        sql.SQL(", ").join(
            sql.SQL("set_config({}, {}, false)").format(sql.Literal(k), sql.Literal(_pg_duration(v)))
            for k, v in settings
        )
    )
    try:
        conn.execute(query)
    except psycopg.Error as exc:
        raise PgshiftError(
            f"cannot set session timeouts: {exc}", hint="check lock_timeout / statement_timeout"
        ) from None


def _pg_duration(value: str) -> str:
    """Config durations ("5s", "500ms", "2min", "1h") in the spelling PostgreSQL accepts."""
    return value.replace(" ", "")


def pooled_warning(url: str) -> str | None:
    if is_pooled(url):
        return (
            f"{mask_url(url)} looks like a transaction pooler (PgBouncer / Neon -pooler): the session-level "
            "migration lock and timeouts need a direct connection; use the non-pooled URL for migrations"
        )
    return None


# ------------------------------------------------------------------------------------------------ units


def prepare(
    tag: str, path: Path, text: str, breakpoints: bool, server_version: int
) -> tuple[TxMode, tuple[Group, ...]]:
    """Parse a file and cut it into transaction groups; every refusal happens here, before any run."""
    from pgshift.format.headers import header_directive
    from pgshift.pg.parser import SqlSyntaxError
    from pgshift.runner.groups import split_groups
    from pgshift.runner.txmode import detect

    try:
        mode = detect(text, breakpoints=breakpoints, server_version=server_version)
    except SqlSyntaxError as exc:
        raise PgshiftError(
            f"{tag}: syntax error: {exc.message}",
            where=f"{path}:{exc.line}:{exc.column}",
            hint="fix the SQL; nothing was run (every pending file is parsed before the first one runs)",
        ) from None
    if not mode.statements:
        raise FolderError(
            f"{tag}: {path.name} holds no SQL statement (empty, or comments only); nothing was run",
            where=str(path),
            hint="write its SQL or delete it (and its journal entry): applied as it is, it would be recorded "
            "as done and refused as modified once filled in",
        )
    groups = tuple(
        split_groups(mode.statements, server_version=server_version, directive=header_directive(text))
    )
    for group in groups:
        if not group.transactional:
            continue
        for statement in group.statements:
            if statement.kind == "transaction_stmt":
                # A COMMIT inside pgshift's transaction would end it half way through the group.
                raise PgshiftError(
                    f"{tag}: contains {statement.text.split()[0].upper()} at line {statement.line}, but pgshift "
                    "already runs each group of statements in its own transaction; nothing was run",
                    where=f"{path}:{statement.line}",
                    hint="remove the BEGIN/COMMIT lines, or put `-- pgshift:transaction off` at the top to run "
                    "the statements exactly as written",
                )
    return mode, groups


# ---------------------------------------------------------------------------------------------- migrate


def load_items(folder: Path) -> list[Any]:
    if not folder.is_dir():
        raise FolderError(
            f"the migration folder {folder} does not exist",
            hint="set `out` in the config or pass --out (pgshift generate creates it)",
        )
    return load_folder(folder)


def _check_integrity(plan: Plan, options: RunOptions, warnings: list[str], folder: Path) -> None:
    changed_partial = [e for e in plan.partial if e.migration and e.row and e.migration.hash != e.row.hash]
    problems = plan.modified + plan.missing + changed_partial
    if problems and not options.allow_modified:
        lines = []
        for e in problems:
            if e.state is State.PARTIAL:
                lines.append(f"{e.tag}: {e.progress()}, but its file changed since (checksum mismatch)")
            elif e.state is State.MODIFIED:
                lines.append(f"{e.tag}: the file changed since it was applied (checksum mismatch)")
            else:
                lines.append(f"{e.tag}: applied, but its file or journal entry is missing from the folder")
        raise PgshiftError(
            "refusing to migrate: applied migrations do not match the folder:\n  " + "\n  ".join(lines),
            where=str(folder),
            hint="restore the applied files from version control (never edit an applied migration; write a "
            "new one), or pass --allow-modified if the change is intended",
        )
    for e in problems:
        warnings.append(f"{e.tag} is {e.state} (allowed by --allow-modified)")


def select_pending(
    plan: Plan, options: RunOptions, folder: Path
) -> tuple[list[PlanEntry], list[str], list[str]]:
    """The entries to apply (journal order), the warnings, and the pending ones left beyond --to."""
    warnings: list[str] = []
    _check_integrity(plan, options, warnings, folder)
    pending = plan.pending
    remaining: list[str] = []
    if options.to is not None:
        target = plan.find(options.to)
        if target is None or target.position is None:
            known = ", ".join(e.tag for e in plan.entries if e.position is not None) or "none"
            raise PgshiftError(f"--to {options.to}: no such migration in the journal", hint=f"known: {known}")
        remaining = [e.tag for e in pending if (e.position or 0) > target.position]
        pending = [e for e in pending if (e.position or 0) <= target.position]
    late = [e for e in pending if e.out_of_order]
    if late:
        names = ", ".join(e.tag for e in late)
        if options.strict_order:
            raise PgshiftError(
                f"refusing to migrate (--strict-order): {names} come(s) before already-applied migrations "
                "in the journal (merged from another branch?)",
                hint="rebase the branch's migration after the applied ones (pgshift rebase), or drop "
                "--strict-order to apply it out of order",
            )
        warnings.append(
            f"applying {names} out of order: applied migrations come after it in the journal "
            "(drizzle-orm's migrator would have skipped it silently)"
        )
    for e in pending:
        if e.migration is None:
            assert e.entry is not None
            read_migration(folder, e.entry)  # raises the FolderError naming the missing file
    return pending, warnings, remaining


def _up_unit(entry: PlanEntry, table: TrackingTable, server_version: int) -> Unit:
    from pgshift.runner.execute import Unit

    migration = entry.migration
    assert migration is not None
    mode, groups = prepare(
        migration.tag, migration.path, migration.sql, migration.entry.breakpoints, server_version
    )
    total = len(groups)
    row = entry.row if entry.state is State.PARTIAL else None
    if row is not None and row.groups_total not in (None, total):
        raise PgshiftError(
            f"{migration.tag} was partly applied as {row.groups_total} groups, but its file now has {total}",
            where=str(migration.path),
            hint="restore the file as it was when the run started (version control), then run migrate again",
        )

    def record(duration_ms: int, exists: bool) -> sql.Composed:
        return complete_statement(
            table, hash=migration.hash, when=migration.entry.when, tag=migration.tag,
            duration_ms=duration_ms, total=total, exists=exists,
        )  # fmt: skip

    def progress(done: int, running: int | None, exists: bool) -> sql.Composed:
        return progress_statement(
            table,
            hash=migration.hash,
            tag=migration.tag,
            done=done,
            total=total,
            running=running,
            exists=exists,
        )

    return Unit(
        migration.tag,
        migration.path,
        mode,
        groups,
        record,
        progress if total > 1 or not all(g.transactional for g in groups) else None,
        abandon_statement(table, migration.tag),
        done=(row.groups_done or 0) if row else 0,
        running=row.group_running if row else None,
    )


def migrate(
    url: str,
    folder: Path,
    table: TrackingTable,
    options: RunOptions | None = None,
    reporter: Reporter | None = None,
) -> MigrateResult:
    """Apply the pending migrations of ``folder`` to ``url``. Raises PgshiftError / MigrationError."""
    options = options or RunOptions()
    reporter = reporter or Reporter()
    items = load_items(folder)
    warning = pooled_warning(url)
    if warning:
        reporter.warning(warning)
    with connect(url) as conn:
        try:
            if options.dry_run:
                return _dry_run(conn, items, table, options, folder, [warning] if warning else [])
            version = conn.info.server_version
            prepared: dict[tuple[str, str, int], Unit] = {}

            def units_for(entries: list[PlanEntry]) -> list[Unit]:
                out = []
                for e in entries:
                    key = (e.tag, e.migration.hash if e.migration else "", e.row.id if e.row else -1)
                    if key not in prepared:
                        prepared[key] = _up_unit(e, table, version)
                    out.append(prepared[key])
                return out

            # Refuse a bad folder before taking the lock: every pending file is read, parsed and cut
            # into groups now (the state is read again under the lock; only what changed meanwhile
            # is prepared twice).
            early_plan = build_plan(items, read_state(conn, table))
            early, early_warnings, early_remaining = select_pending(early_plan, options, folder)
            if not early:
                # Nothing to do: no lock needed (rows are only ever added by other runners meanwhile).
                for message in early_warnings:
                    reporter.warning(message)
                skipped = tuple(e.tag for e in early_plan.applied)
                return MigrateResult((), skipped, tuple(early_remaining), tuple(early_warnings), None, 0.0)
            units_for(early)
            from pgshift.runner.execute import run_units
            from pgshift.runner.lock import advisory_lock, lock_key

            key = lock_key(table.schema, table.table)
            with advisory_lock(conn, key, wait=options.lock_wait, on_wait=reporter.lock_waiting) as waited:
                state = read_state(conn, table)
                plan = build_plan(items, state)
                todo, warnings, remaining = select_pending(plan, options, folder)
                for message in warnings:
                    reporter.warning(message)
                skipped = tuple(e.tag for e in plan.applied)
                if not todo:
                    return MigrateResult((), skipped, tuple(remaining), tuple(warnings), None, waited)
                units = units_for(todo)
                for unit in units:
                    if unit.resuming:
                        reporter.info(
                            f"{unit.tag}: resuming at group {unit.done + 1} of {len(unit.groups)} "
                            f"(groups 1-{unit.done} were committed by an earlier run)"
                            if unit.done
                            else f"{unit.tag}: resuming group 1 of {len(unit.groups)}"
                        )
                if not state.complete:
                    ensure(conn, table)
                configure_session(conn, options)
                done = run_units(conn, units, options, reporter, url)
                return MigrateResult(tuple(done), skipped, tuple(remaining), tuple(warnings), None, waited)
        except psycopg.Error as exc:
            raise PgshiftError(f"database error: {mask_url(str(exc))}") from None


def _sql_line(text: str) -> str:
    text = text.strip()
    return text if text.endswith(";") else text + ";"


def _dry_run(
    conn: psycopg.Connection[Any],
    items: list[Any],
    table: TrackingTable,
    options: RunOptions,
    folder: Path,
    warnings: list[str],
) -> MigrateResult:
    """Exactly what would run, in order, with transaction boundaries; nothing is changed or locked."""
    from pgshift.runner.lock import lock_key

    state = read_state(conn, table)
    plan = build_plan(items, state)
    todo, more_warnings, remaining = select_pending(plan, options, folder)
    warnings.extend(more_warnings)
    skipped = tuple(e.tag for e in plan.applied)
    units = [_up_unit(e, table, conn.info.server_version) for e in todo]
    out: list[str] = [f"-- warning: {w}" for w in warnings]
    if not units:
        out.append("-- nothing to apply")
    else:
        out.append(
            f"-- {len(units)} migration(s) to apply, under advisory lock {lock_key(table.schema, table.table)}"
        )
        out.append("SET standard_conforming_strings = on;")
        if options.lock_timeout:
            out.append(f"SET lock_timeout = '{options.lock_timeout}';")
        if options.statement_timeout:
            out.append(f"SET statement_timeout = '{options.statement_timeout}';")
        if conn.info.server_version >= 140000:
            out.append("SET client_connection_check_interval = '2s';  -- a killed runner's session ends")
        if not state.complete:
            out.append(f"-- create/extend the tracking table {table.display}")
            out.extend(_sql_line(s.as_string(conn)) for s in ensure_statements(table))
        if options.single_transaction:
            out.append("BEGIN;")
        for unit in units:
            out.append("")
            out.extend(unit_sql(conn, unit, single=options.single_transaction))
        if options.single_transaction:
            out.append("COMMIT;")
    return MigrateResult((), skipped, tuple(remaining), tuple(warnings), "\n".join(out) + "\n", 0.0)


def unit_sql(conn: psycopg.Connection[Any], unit: Unit, *, single: bool = False) -> list[str]:
    """One file as it runs: its groups with their transaction boundaries and tracking statements."""
    total = len(unit.groups)
    resume = f", resuming at group {unit.done + 1}" if unit.resuming else ""
    out = [f"-- {unit.tag}: {total} group(s){resume}"]
    exists = unit.resuming
    for group in unit.groups[unit.done :]:
        last = group.number == total
        out.append(f"-- {group.describe(total)}")
        if not group.transactional and unit.progress is not None and not single:
            out.append(_sql_line(unit.progress(group.number - 1, group.number, exists).as_string(conn)))
            exists = True
        if group.transactional and not single:
            out.append("BEGIN;")
        out.extend(_sql_line(s.text) for s in group.statements)
        if last:
            out.append(
                _sql_line(unit.record(0, exists).as_string(conn)) + "  -- duration_ms measured at run time"
            )
        elif unit.progress is not None and not single:
            out.append(_sql_line(unit.progress(group.number, None, exists).as_string(conn)))
            exists = True
        if group.transactional and not single:
            out.append("COMMIT;")
    return out


# --------------------------------------------------------------------------------------------- baseline


def baseline(
    url: str,
    folder: Path,
    table: TrackingTable,
    *,
    to: str | None = None,
    confirm: Callable[[list[PlanEntry]], bool] | None = None,
    lock_wait: float | None = 300.0,
) -> list[PlanEntry]:
    """Record pending migrations (up to ``to``) as applied without running them; returns them."""
    from pgshift.runner.lock import advisory_lock, lock_key

    items = load_items(folder)
    with connect(url) as conn:
        try:
            key = lock_key(table.schema, table.table)
            with advisory_lock(conn, key, wait=lock_wait):
                state = read_state(conn, table)
                plan = build_plan(items, state)
                options = RunOptions(to=to, allow_modified=True)
                todo, _warnings, _remaining = select_pending(plan, options, folder)
                if not todo:
                    return []
                if confirm is not None and not confirm(todo):
                    raise PgshiftError("baseline cancelled; nothing was recorded")
                if not state.complete:
                    ensure(conn, table)
                with conn.transaction():
                    for entry in todo:
                        migration = entry.migration
                        assert migration is not None
                        conn.execute(
                            insert_statement(
                                table,
                                hash=migration.hash,
                                when=migration.entry.when,
                                tag=migration.tag,
                                duration_ms=None,
                                baselined=True,
                            )
                        )
                return todo
        except psycopg.Error as exc:
            raise PgshiftError(f"database error: {mask_url(str(exc))}") from None


__all__ = [
    "Applied",
    "FolderError",
    "MigrateResult",
    "MigrationError",
    "Reporter",
    "RunOptions",
    "baseline",
    "migrate",
]
