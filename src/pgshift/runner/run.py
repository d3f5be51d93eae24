"""Apply and roll back migrations: each exactly once, under the advisory lock, safely.

The rules, and why:
- One session-level advisory lock around everything (pgshift.lock): eight app instances starting at
  once run each migration once; the others wait, then find nothing to do.
- Each migration in its own transaction, so a failure leaves nothing of that migration and keeps the
  earlier ones. Migrations that cannot run in a transaction (pgshift.txmode) run statement by
  statement in autocommit, and a failed CREATE INDEX CONCURRENTLY has its INVALID index dropped.
- Short ``lock_timeout`` and retries with exponential backoff: a migration never sits queued behind a
  long query while every later query on the table queues behind it.
- ``client_connection_check_interval`` (PG14+): a runner killed mid-migration does not leave its
  backend sleeping on, holding locks and the transaction; the server notices and rolls back.
- Nothing is read from the database before the lock is held, and all SQL of the pending migrations is
  parsed before the first one runs, so a syntax error stops the run before anything changes.
- Every message goes through urls.mask_url: no password in any output.

This module never imports SQLAlchemy: it runs at application start-up.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from pgshift.errors import EXIT_ERROR, FolderError, PgshiftError
from pgshift.folder.files import read_migration
from pgshift.runner.lock import LockHolder, advisory_lock, lock_key
from pgshift.runner.plan import Plan, PlanEntry, State, build_plan, load_folder
from pgshift.runner.tracking import (
    TrackingTable,
    delete_statement,
    ensure,
    ensure_statements,
    insert_statement,
    read_state,
)
from pgshift.urls import is_pooled, mask_url, normalize_url

if TYPE_CHECKING:  # the SQL parser is imported only when something is pending (start-up cost)
    from pgshift.pg.parser import Statement
    from pgshift.runner.txmode import TxMode

APPLICATION_NAME = "pgshift"
IRREVERSIBLE = "pgshift:irreversible"


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RunOptions:
    """Knobs shared by migrate and rollback (config values unless flags override them)."""

    lock_wait: float | None = 300.0  # seconds to wait for another runner; None = forever
    lock_timeout: str | None = "5s"
    statement_timeout: str | None = None
    retries: int = 3  # extra attempts after a lock timeout (SQLSTATE 55P03)
    retry_base: float = 0.5  # seconds; doubles each attempt
    single_transaction: bool = False
    to: str | None = None
    allow_modified: bool = False
    strict_order: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class Applied:
    tag: str
    duration_ms: int
    transactional: bool
    retries: int = 0


@dataclass(frozen=True)
class MigrateResult:
    """What a migrate run did. ``skipped``: already applied; ``remaining``: pending beyond --to."""

    applied: tuple[Applied, ...] = ()
    skipped: tuple[str, ...] = ()
    remaining: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    dry_run_sql: str | None = None
    lock_waited_s: float = 0.0

    @property
    def applied_tags(self) -> list[str]:
        return [a.tag for a in self.applied]

    def to_json(self) -> dict[str, Any]:
        return {
            "applied": [
                {
                    "tag": a.tag,
                    "duration_ms": a.duration_ms,
                    "transactional": a.transactional,
                    "retries": a.retries,
                }
                for a in self.applied
            ],
            "skipped": list(self.skipped),
            "remaining": list(self.remaining),
            "warnings": list(self.warnings),
            "dry_run_sql": self.dry_run_sql,
            "lock_waited_s": round(self.lock_waited_s, 3),
        }


@dataclass(eq=False)  # exceptions compare and hash by identity
class MigrationError(PgshiftError):
    """A migration (or down migration) failed on the server. Carries the details for --json and the API."""

    tag: str | None = None
    statement: int | None = None
    line: int | None = None
    sqlstate: str | None = None
    completed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "error": self.message,
            "where": self.where,
            "hint": self.hint,
            "tag": self.tag,
            "statement": self.statement,
            "line": self.line,
            "sqlstate": self.sqlstate,
            "completed": list(self.completed),
        }


class Reporter:
    """Progress callbacks; the CLI prints them, the API logs them. This base ignores everything."""

    def lock_waiting(self, holder: LockHolder | None) -> None: ...

    def migration_started(self, tag: str, mode: TxMode) -> None: ...

    def migration_finished(self, tag: str, duration_ms: int) -> None: ...

    def retrying(self, tag: str, attempt: int, delay: float, message: str) -> None: ...

    def warning(self, message: str) -> None: ...

    def info(self, message: str) -> None: ...


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
    """Session-level timeouts (CONCURRENTLY statements cannot use transaction-level settings)."""
    settings: list[tuple[str, str]] = []
    if options.lock_timeout is not None:
        settings.append(("lock_timeout", options.lock_timeout))
    if options.statement_timeout is not None:
        settings.append(("statement_timeout", options.statement_timeout))
    if conn.info.server_version >= 140000:
        settings.append(("client_connection_check_interval", "2s"))
    if not settings:
        return
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


@dataclass(frozen=True)
class Unit:
    """One SQL file to run: an up migration or a down migration, with how to record it."""

    tag: str
    path: Path
    mode: TxMode
    record: Callable[[int], sql.Composable]  # duration_ms -> the tracking-table statement


def _prepare(tag: str, path: Path, text: str, breakpoints: bool, server_version: int) -> TxMode:
    from pgshift.pg.parser import SqlSyntaxError
    from pgshift.runner.txmode import detect

    try:
        mode = detect(text, breakpoints=breakpoints, server_version=server_version)
    except SqlSyntaxError as exc:
        raise PgshiftError(
            f"{tag}: syntax error: {exc.message}",
            where=f"{path}:{exc.line}:{exc.column}",
            hint="fix the SQL; nothing was run (every pending file is parsed before the first one runs)",
        ) from None
    if mode.transactional:
        for statement in mode.statements:
            if statement.kind == "transaction_stmt":
                # A COMMIT inside pgshift's transaction would end it half way through the migration.
                raise PgshiftError(
                    f"{tag}: contains {statement.text.split()[0].upper()} at line {statement.line}, but pgshift "
                    "already runs each migration in its own transaction; nothing was run",
                    where=f"{path}:{statement.line}",
                    hint="remove the BEGIN/COMMIT lines, or put `-- pgshift:transaction off` at the top to run "
                    "the statements exactly as written",
                )
    return mode


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


def _diag(exc: psycopg.Error) -> tuple[str, str | None]:
    """Postgres's message with DETAIL and HINT, and the SQLSTATE."""
    diag = exc.diag
    message = (diag.message_primary or str(exc)).strip()
    parts = [message]
    if diag.message_detail:
        parts.append(f"DETAIL: {diag.message_detail}")
    if diag.message_hint:
        parts.append(f"HINT: {diag.message_hint}")
    if exc.sqlstate:
        parts.append(f"SQLSTATE {exc.sqlstate}")
    return mask_url("\n  ".join(parts)), exc.sqlstate


def _statement_failure(
    unit: Unit,
    number: int,
    statement: Statement | None,
    exc: psycopg.Error,
    *,
    completed: list[str],
    kept_note: str,
    extra: list[str] | None = None,
) -> MigrationError:
    text, state = _diag(exc)
    total = len(unit.mode.statements)
    line = statement.line if statement else None
    what = f"statement {number} of {total}" if statement else "recording it in the tracking table"
    at = f" (line {line})" if line else ""
    hint_parts = [kept_note]
    if completed:
        hint_parts.append(f"Completed earlier in this run and kept: {', '.join(completed)}.")
    hint_parts.extend(extra or [])
    return MigrationError(
        f"migration {unit.tag} failed at {what}{at}: {text}",
        where=f"{unit.path}:{line}" if line else str(unit.path),
        hint=" ".join(hint_parts),
        tag=unit.tag,
        statement=number if statement else None,
        line=line,
        sqlstate=state,
        completed=tuple(completed),
    )


def _run_transactional(
    conn: psycopg.Connection[Any],
    unit: Unit,
    options: RunOptions,
    reporter: Reporter,
    completed: list[str],
) -> Applied:
    attempt = 0
    while True:
        start = time.monotonic()
        number, current = 0, None
        try:
            with conn.transaction():
                for number, current in enumerate(unit.mode.statements, 1):  # noqa: B007 (read in except)
                    conn.execute(current.text)  # type: ignore[call-overload]
                duration = int((time.monotonic() - start) * 1000)
                number, current = 0, None
                conn.execute(unit.record(duration))
            return Applied(unit.tag, duration, True, attempt)
        except psycopg.errors.LockNotAvailable as exc:
            if attempt < options.retries:
                delay = options.retry_base * 2**attempt
                attempt += 1
                reporter.retrying(unit.tag, attempt, delay, _diag(exc)[0])
                time.sleep(delay)
                continue
            raise _statement_failure(
                unit,
                number,
                current,
                exc,
                completed=completed,
                kept_note=f"Nothing of {unit.tag} was applied (its transaction was rolled back) after "
                f"{attempt + 1} attempts at lock_timeout={options.lock_timeout}; find the blocking session in "
                "pg_stat_activity, or raise --retries / --lock-timeout.",
            ) from None
        except psycopg.Error as exc:
            raise _statement_failure(
                unit,
                number,
                current,
                exc,
                completed=completed,
                kept_note=f"Nothing of {unit.tag} was applied (its transaction was rolled back).",
            ) from None


def _run_autocommit(
    conn: psycopg.Connection[Any],
    unit: Unit,
    options: RunOptions,
    reporter: Reporter,
    completed: list[str],
) -> Applied:
    """Statement by statement outside a transaction; retry the failing statement on lock timeout."""
    start = time.monotonic()
    retries = 0
    total = len(unit.mode.statements)
    for number, statement in enumerate(unit.mode.statements, 1):
        attempt = 0
        while True:
            before = _invalid_indexes(conn) if _concurrent_build(statement) else None
            try:
                conn.execute(statement.text)  # type: ignore[call-overload]
                break
            except psycopg.Error as exc:
                notes = _cleanup_invalid(conn, before) if before is not None else []
                if isinstance(exc, psycopg.errors.LockNotAvailable) and attempt < options.retries:
                    delay = options.retry_base * 2**attempt
                    attempt += 1
                    retries += 1
                    reporter.retrying(unit.tag, attempt, delay, _diag(exc)[0])
                    time.sleep(delay)
                    continue
                ran = (
                    f"Statements 1-{number - 1} of {total} ran and are committed"
                    if number > 1
                    else "No statement of it ran"
                )
                raise _statement_failure(
                    unit,
                    number,
                    statement,
                    exc,
                    completed=completed,
                    kept_note=f"{unit.tag} runs without a transaction ({unit.mode.reason}). {ran}; it is NOT "
                    "recorded as applied, so the next run starts it from statement 1: make its statements "
                    "idempotent (IF [NOT] EXISTS) or undo them first.",
                    extra=notes,
                ) from None
    duration = int((time.monotonic() - start) * 1000)
    try:
        conn.execute(unit.record(duration))
    except psycopg.Error as exc:
        raise _statement_failure(
            unit, 0, None, exc, completed=completed, kept_note=f"All statements of {unit.tag} ran."
        ) from None
    return Applied(unit.tag, duration, False, retries)


def _cleanup_invalid(conn: psycopg.Connection[Any], before: set[str]) -> list[str]:
    """Drop the INVALID indexes a failed concurrent build left; say what was done."""
    notes = []
    with contextlib.suppress(psycopg.Error):
        for name in sorted(_invalid_indexes(conn) - before):
            drop = f"DROP INDEX CONCURRENTLY IF EXISTS {name}"
            try:
                conn.execute(drop)  # type: ignore[call-overload]
                notes.append(f"The failed build left INVALID index {name}; pgshift dropped it ({drop}).")
            except psycopg.Error as exc:
                notes.append(f"The failed build left INVALID index {name}; drop it with: {drop} ({exc}).")
    return notes


def _run_units(
    conn: psycopg.Connection[Any],
    units: list[Unit],
    options: RunOptions,
    reporter: Reporter,
) -> list[Applied]:
    done: list[Applied] = []
    completed: list[str] = []
    if options.single_transaction:
        return _run_single(conn, units, options, reporter)
    for unit in units:
        reporter.migration_started(unit.tag, unit.mode)
        runner = _run_transactional if unit.mode.transactional else _run_autocommit
        result = runner(conn, unit, options, reporter, completed)
        reporter.migration_finished(unit.tag, result.duration_ms)
        done.append(result)
        completed.append(unit.tag)
    return done


def _run_single(
    conn: psycopg.Connection[Any], units: list[Unit], options: RunOptions, reporter: Reporter
) -> list[Applied]:
    """Everything in one transaction (drizzle-orm's behaviour), retried whole on lock timeout."""
    blocked = [u for u in units if not u.mode.transactional]
    if blocked:
        raise PgshiftError(
            f"--single-transaction is impossible: {blocked[0].tag} cannot run in a transaction "
            f"({blocked[0].mode.reason})",
            where=str(blocked[0].path),
            hint="run without --single-transaction (each migration then gets its own transaction)",
        )
    attempt = 0
    while True:
        done: list[Applied] = []
        unit, number, current = units[0], 0, None
        try:
            with conn.transaction():
                for unit in units:
                    reporter.migration_started(unit.tag, unit.mode)
                    start = time.monotonic()
                    for number, current in enumerate(unit.mode.statements, 1):  # noqa: B007 (read in except)
                        conn.execute(current.text)  # type: ignore[call-overload]
                    duration = int((time.monotonic() - start) * 1000)
                    number, current = 0, None
                    conn.execute(unit.record(duration))
                    done.append(Applied(unit.tag, duration, True, attempt))
            for applied in done:
                reporter.migration_finished(applied.tag, applied.duration_ms)
            return done
        except psycopg.Error as exc:
            if isinstance(exc, psycopg.errors.LockNotAvailable) and attempt < options.retries:
                delay = options.retry_base * 2**attempt
                attempt += 1
                reporter.retrying(unit.tag, attempt, delay, _diag(exc)[0])
                time.sleep(delay)
                continue
            raise _statement_failure(
                unit,
                number,
                current,
                exc,
                completed=[],
                kept_note="Nothing of this run was applied (--single-transaction: the one transaction was "
                "rolled back).",
            ) from None


# ---------------------------------------------------------------------------------------------- migrate


def _load(folder: Path) -> list[Any]:
    if not folder.is_dir():
        raise FolderError(
            f"the migration folder {folder} does not exist",
            hint="set `out` in the config or pass --out (pgshift generate creates it)",
        )
    return load_folder(folder)


def _check_integrity(plan: Plan, options: RunOptions, warnings: list[str], folder: Path) -> None:
    problems = plan.modified + plan.missing
    if problems and not options.allow_modified:
        lines = []
        for e in problems:
            if e.state is State.MODIFIED:
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
    migration = entry.migration
    assert migration is not None
    mode = _prepare(migration.tag, migration.path, migration.sql, migration.entry.breakpoints, server_version)

    def record(duration_ms: int) -> sql.Composable:
        return insert_statement(
            table, hash=migration.hash, when=migration.entry.when, tag=migration.tag, duration_ms=duration_ms
        )

    return Unit(migration.tag, migration.path, mode, record)


def migrate(
    url: str,
    folder: Path,
    table: TrackingTable,
    options: RunOptions = RunOptions(),
    reporter: Reporter | None = None,
) -> MigrateResult:
    """Apply the pending migrations of ``folder`` to ``url``. Raises PgshiftError / MigrationError."""
    reporter = reporter or Reporter()
    items = _load(folder)
    warning = pooled_warning(url)
    if warning:
        reporter.warning(warning)
    with connect(url) as conn:
        try:
            if options.dry_run:
                return _dry_run(conn, items, table, options, folder, [warning] if warning else [])
            key = lock_key(table.schema, table.table)
            with advisory_lock(conn, key, wait=options.lock_wait, on_wait=reporter.lock_waiting) as waited:
                state = read_state(conn, table)
                plan = build_plan(items, state)
                todo, warnings, remaining = select_pending(plan, options, folder)
                for message in warnings:
                    reporter.warning(message)
                skipped = tuple(e.tag for e in plan.entries if e.row is not None)
                if not todo:
                    return MigrateResult((), skipped, tuple(remaining), tuple(warnings), None, waited)
                version = conn.info.server_version
                units = [_up_unit(e, table, version) for e in todo]
                if not state.complete:
                    ensure(conn, table)
                configure_session(conn, options)
                done = _run_units(conn, units, options, reporter)
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
    state = read_state(conn, table)
    plan = build_plan(items, state)
    todo, more_warnings, remaining = select_pending(plan, options, folder)
    warnings.extend(more_warnings)
    skipped = tuple(e.tag for e in plan.entries if e.row is not None)
    units = [_up_unit(e, table, conn.info.server_version) for e in todo]
    out: list[str] = [f"-- warning: {w}" for w in warnings]
    if not units:
        out.append("-- nothing to apply")
    else:
        out.append(
            f"-- {len(units)} migration(s) to apply, under advisory lock {lock_key(table.schema, table.table)}"
        )
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
            how = "in a transaction" if unit.mode.transactional else "without a transaction"
            out.append("")
            out.append(f"-- {unit.tag} ({how}: {unit.mode.reason})")
            if unit.mode.transactional and not options.single_transaction:
                out.append("BEGIN;")
            out.extend(_sql_line(s.text) for s in unit.mode.statements)
            out.append(_sql_line(unit.record(0).as_string(conn)) + "  -- duration_ms measured at run time")
            if unit.mode.transactional and not options.single_transaction:
                out.append("COMMIT;")
        if options.single_transaction:
            out.append("COMMIT;")
    return MigrateResult((), skipped, tuple(remaining), tuple(warnings), "\n".join(out) + "\n", 0.0)


# --------------------------------------------------------------------------------------------- rollback


@dataclass(frozen=True)
class Destruction:
    """Something a down migration destroys, with how much data it holds now (None: unknown)."""

    tag: str
    line: int
    what: str  # "table public.users" / "column public.users.email"
    rows: int | None


@dataclass(frozen=True)
class RollbackStep:
    entry: PlanEntry
    unit: Unit
    destruction: tuple[Destruction, ...] = ()

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
                    "destroys": [{"what": d.what, "rows": d.rows, "line": d.line} for d in s.destruction],
                }
                for s in self.steps
            ],
            "dry_run_sql": self.dry_run_sql,
            "warnings": list(self.warnings),
        }


def irreversible_reason(down_sql: str) -> str | None:
    """The reason text when the down file starts with ``-- pgshift:irreversible <reason>``."""
    for raw in down_sql.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("--") and line[2:].strip().lower().startswith(IRREVERSIBLE):
            reason = line[2:].strip()[len(IRREVERSIBLE) :].strip(" :-")
            return reason or "no reason given"
        return None
    return None


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


@functools.cache
def _constants() -> tuple[int, int]:
    """libpg_query's enum constants for DROP TABLE and ALTER TABLE ... DROP COLUMN."""
    from pgshift.pg.parser import nodes

    return int(nodes.OBJECT_TABLE), int(nodes.AT_DropColumn)


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
    mode = _prepare(entry.tag, migration.down_path, migration.down_sql, True, server_version)
    row_id = row.id
    return Unit(entry.tag, migration.down_path, mode, lambda _ms: delete_statement(table, row_id))


def rollback(
    url: str,
    folder: Path,
    table: TrackingTable,
    *,
    steps: int | None = 1,
    to: str | None = None,
    options: RunOptions = RunOptions(),
    confirm: Callable[[list[RollbackStep]], bool] | None = None,
    reporter: Reporter | None = None,
) -> RollbackResult:
    """Run down migrations, newest first, deleting their tracking rows; ``confirm`` sees what is destroyed.

    Every chosen migration is checked (down file present, not irreversible, SQL parses) before the
    first one runs.
    """
    reporter = reporter or Reporter()
    items = _load(folder)
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
                version = conn.info.server_version
                planned = []
                for entry in chosen:
                    unit = _down_unit(entry, table, version)
                    planned.append(
                        RollbackStep(entry, unit, tuple(_destruction(conn, entry.tag, unit.mode.statements)))
                    )
                if options.dry_run or not planned:
                    text = _rollback_sql(conn, planned) if options.dry_run else None
                    return RollbackResult(tuple(planned), (), text, tuple(warnings))
                if confirm is not None and not confirm(planned):
                    raise PgshiftError("rollback cancelled; nothing was changed", exit_code=EXIT_ERROR)
                configure_session(conn, options)
                single = dataclasses.replace(options, single_transaction=False)
                done = _run_units(conn, [s.unit for s in planned], single, reporter)
                return RollbackResult(tuple(planned), tuple(done), None, tuple(warnings))
        except psycopg.Error as exc:
            raise PgshiftError(f"database error: {mask_url(str(exc))}") from None


def _rollback_sql(conn: psycopg.Connection[Any], planned: list[RollbackStep]) -> str:
    out = []
    for step in planned:
        unit = step.unit
        how = "in a transaction" if unit.mode.transactional else "without a transaction"
        out.append(f"-- roll back {unit.tag} ({how}: {unit.mode.reason})")
        if unit.mode.transactional:
            out.append("BEGIN;")
        out.extend(_sql_line(s.text) for s in unit.mode.statements)
        out.append(_sql_line(unit.record(0).as_string(conn)))
        if unit.mode.transactional:
            out.append("COMMIT;")
        out.append("")
    return "\n".join(out) or "-- nothing to roll back\n"


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
    items = _load(folder)
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
    "Destruction",
    "FolderError",
    "MigrateResult",
    "MigrationError",
    "Reporter",
    "RollbackResult",
    "RollbackStep",
    "RunOptions",
    "baseline",
    "migrate",
    "rollback",
]
