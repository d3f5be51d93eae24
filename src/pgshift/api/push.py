"""push (development only): make the live database match the schema code, without a migration file.

The same differ as generate, but between the introspected database and the code. Before anything runs
the plan's risks are counted on the real data (``pgshift.diff.dataloss``); anything counted needs
``force=True`` or a ``confirm`` callback that says yes. Statements run in transactions where Postgres
allows (consecutive transactional operations share one), and the ones that cannot (CREATE INDEX
CONCURRENTLY, ALTER TYPE ... ADD VALUE) run on their own. A failed statement rolls back its transaction
and raises ``PushError`` naming the statement's number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pgshift.api._common import ConfigLike, as_config, database_errors, require_url
from pgshift.api.generate import Resolver
from pgshift.api.managed import (
    Unmanaged,
    set_aside_opt_in,
    unmanaged_in_database,
    unmanaged_objects,
    without_unmanaged,
)
from pgshift.api.privileges import require_roles
from pgshift.config import Config
from pgshift.diff.dataloss import Risk
from pgshift.diff.operations import Operation
from pgshift.diff.renames import RenameDecisions
from pgshift.errors import PgshiftError
from pgshift.model.schema import Model


class PushError(PgshiftError):
    """push refused (risks without confirmation, protected environment) or a statement failed."""


@dataclass(frozen=True)
class PushPlan:
    """What push would run on ``url`` (masked), with the risks counted on the data now."""

    url: str
    operations: tuple[Operation, ...]
    risks: tuple[Risk, ...]
    unmanaged: tuple[Unmanaged, ...] = ()  # left alone: kinds the schema code cannot declare
    notes: tuple[str, ...] = ()  # e.g. that declarations were read back through a scratch database


@dataclass(frozen=True)
class PushResult:
    """``statements`` ran (0 for a dry run, no changes, or a declined confirmation)."""

    plan: PushPlan
    statements: int
    applied: bool  # False for dry runs, an empty plan and a declined confirmation

    @property
    def changed(self) -> bool:
        return self.statements > 0


def read_database(conn: Any, config: Config, target: Model, url: str | None = None) -> Model:
    """The live schema push compares with: the config's schemas plus those the code uses."""
    from pgshift.sources.introspect import introspect

    scope = config.introspect_scope(target.schemas)
    return introspect(
        conn,
        schema_filter=scope.schemas,
        tables_filter=scope.tables_filter,
        exclude_tables=scope.exclude_tables,
        url=url,
    )


def batches(operations: Sequence[Operation]) -> list[tuple[bool, list[Operation]]]:
    """Consecutive transactional operations grouped; each non-transactional one alone."""
    out: list[tuple[bool, list[Operation]]] = []
    for op in operations:
        if op.transactional and out and out[-1][0]:
            out[-1][1].append(op)
        else:
            out.append((op.transactional, [op]))
    return out


def _failure(exc: Exception, number: int, sql: str, ran: int, transactional: bool) -> PushError:
    """ "push failed at statement N: <server message>, rolled back" — from psycopg's diagnostics."""
    diag = getattr(exc, "diag", None)
    primary = (getattr(diag, "message_primary", None) or str(exc)).strip()
    detail = getattr(diag, "message_detail", None)
    hint = getattr(diag, "message_hint", None)
    undone = "rolled back" if transactional else "not applied"
    message = f"push failed at statement {number}: {primary}, {undone}"
    if detail:
        message += f"\n  detail: {detail}"
    kept = f"{ran} statement(s) before it had completed and stay applied" if ran else "nothing was changed"
    return PushError(
        message,
        where=f"statement {number}: {sql.strip()[:300]}",
        hint=(f"{hint}; " if hint else "") + kept,
    )


def execute(
    conn: Any,
    operations: Sequence[Operation],
    *,
    confirm_statement: Callable[[str], bool] | None = None,
    on_statement: Callable[[str], None] | None = None,
) -> int:
    """Run the plan; returns how many statements ran. A failure rolls back its transaction and says which."""
    import psycopg

    conn.autocommit = True
    ran = 0
    number = 0
    for transactional, group in batches(operations):
        statements = [s for op in group for s in op.sql()]
        done_before = ran
        sql = ""
        try:
            if transactional:
                with conn.transaction():
                    for sql in statements:
                        number += 1
                        if confirm_statement is not None and not confirm_statement(sql):
                            raise PushError("stopped at your request; this transaction was rolled back")
                        conn.execute(sql)
                        if on_statement:
                            on_statement(sql)
                ran += len(statements)
            else:
                for sql in statements:
                    number += 1
                    if confirm_statement is not None and not confirm_statement(sql):
                        raise PushError("stopped at your request")
                    conn.execute(sql)
                    ran += 1
                    if on_statement:
                        on_statement(sql)
        except psycopg.Error as exc:
            raise _failure(exc, number, sql, done_before if transactional else ran, transactional) from None
    return ran


def _unmanaged_scope(config: Config, target: Model) -> tuple[str, ...]:
    """The schemas whose objects of kinds pgshift does not model are listed as left alone."""
    return tuple(sorted({*config.schema_filter, *target.schemas} - {config.migrations_schema}))


@dataclass(frozen=True)
class _Read:
    """The database as push reads it: its model, and what it holds that pgshift leaves alone (in
    ``scope``, which the code's own schemas may widen: then the parent asks again)."""

    actual: Model
    scope: tuple[str, ...]
    unmanaged: tuple[Unmanaged, ...]
    server_version: int  # ``server_version_num``, e.g. 150020


def _read(conn: Any, config: Config, url: str) -> _Read:
    scope = _unmanaged_scope(config, Model())
    actual = read_database(conn, config, Model(), url)
    return _Read(actual, scope, unmanaged_in_database(conn, scope), conn.info.server_version)


class Connection:
    """push's own connection to ``url``: opened on first use (``db()``), closed by ``close()``.

    When the forked child has read the catalog (on its own connection) and the code matches it, push
    has nothing to ask the server: a no-op push then never imports the driver in this process, nor
    connects (~90 ms of a 1,000-table push, bench/push). A connection error is raised where it is first
    needed, after the schema code has loaded."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: Any = None

    def __call__(self) -> Any:
        if self._conn is None:
            from pgshift.runner.run import connect

            self._conn = connect(self.url)  # (autocommit, as every use here expects)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _load_beside_read(db: Connection, config: Config, url: str, notes: list[str]) -> tuple[Model, _Read]:
    """The schema code's model and the database's, read at the same time: the catalog in a forked child
    (``pgshift.forked``, on its own connection) while this process loads the code; where that is not
    available, or the child could not deliver, in a thread beside the load, or after it. The child,
    done long before the code is loaded, also lists the objects push leaves alone: a query less after
    the load."""
    from pgshift import forked
    from pgshift.api.generate import load_schema_model

    def read_on_own_connection() -> _Read:
        from pgshift.runner.run import connect

        with connect(url) as own:
            return _read(own, config, url)

    child = forked.start(read_on_own_connection)
    if child is not None:
        try:
            target = load_schema_model(config, notes)
        except BaseException:
            child.cancel()
            raise
        read = child.result()
        return target, read if read is not None else _read(db(), config, url)
    conn = db()
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Reading the catalog waits on the server while loading schema code keeps Python busy: overlap them.
        reading = pool.submit(read_database, conn, config, Model(), url)
        target = load_schema_model(config, notes)
        actual = reading.result()
    scope = _unmanaged_scope(config, Model())
    return target, _Read(actual, scope, unmanaged_in_database(conn, scope), conn.info.server_version)


def plan_push(
    db: Connection,
    config: Config,
    url: str,
    *,
    renames: RenameDecisions | None = None,
    resolver: Resolver | None = None,
) -> PushPlan:
    """Load the code and read the database (overlapped), settle renames, diff, count the risks. ``db``
    is opened only for what the forked child did not read (see ``Connection``)."""
    from pgshift.api.generate import settle_renames
    from pgshift.api.privileges import named_roles
    from pgshift.api.scratch import spelled_by_server, to_spell
    from pgshift.diff.dataloss import STOPS_PUBLISHING, WIDENS_ACCESS, Risk, analyze
    from pgshift.diff.differ import diff
    from pgshift.diff.kinds.grant import given_back_to_public
    from pgshift.diff.kinds.publication import stops_publishing
    from pgshift.diff.render import check_parses
    from pgshift.urls import mask_secrets

    notes: list[str] = []
    target, read = _load_beside_read(db, config, url, notes)
    actual = read.actual
    if set(target.schemas) - set(config.schema_filter):
        actual = read_database(db(), config, target, url)  # the code uses schemas the filter left out
    scope = _unmanaged_scope(config, target)
    found = read.unmanaged if scope == read.scope else unmanaged_in_database(db(), scope)
    unmanaged = unmanaged_objects(actual) + found
    actual = without_unmanaged(actual)
    actual, aside = set_aside_opt_in(actual, target)
    unmanaged += aside
    if named_roles(target):
        require_roles(db(), target)
    from pgshift.sources.introspect import as_server_holds

    target = as_server_holds(target, read.server_version)
    spell = to_spell(target, actual)
    if spell:  # the server judges what an expression text means
        target = spelled_by_server(db(), target, actual, spell)
    decisions = settle_renames(actual, target, renames or RenameDecisions(), resolver)
    operations = diff(actual, target, renames=decisions)
    check_parses(operations, writing="run")
    risks = analyze(db(), operations) if operations else []
    risks += [
        Risk(WIDENS_ACCESS, "PUBLIC", f"{sentence}: everyone may then use it", None)
        for sentence in given_back_to_public(operations)
    ]
    stopped = stops_publishing(operations)
    slots = _logical_slots(db()) if stopped else 0
    held = f" ({slots} logical replication slot(s) on this database)" if slots else ""
    risks += [
        Risk(STOPS_PUBLISHING, name, f"{sentence}: its subscribers stop receiving those changes{held}", None)
        for name, sentence in stopped
    ]
    return PushPlan(mask_secrets(url), tuple(operations), tuple(risks), unmanaged, tuple(notes))


def _logical_slots(conn: Any) -> int:
    """How many logical replication slots this database has (subscribers hold one each); 0 when the
    role may not read them."""
    import psycopg

    try:
        with conn.transaction():
            row = conn.execute(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_type = 'logical' "
                "AND database = current_database()"
            ).fetchone()
    except psycopg.Error:
        return 0
    return int(row[0]) if row else 0


def push(
    url: str | None = None,
    *,
    config: ConfigLike = None,
    force: bool = False,
    dry_run: bool = False,
    renames: RenameDecisions | None = None,
    resolver: Resolver | None = None,
    on_plan: Callable[[PushPlan], None] | None = None,
    confirm: Callable[[PushPlan], bool] | None = None,
    confirm_statement: Callable[[str], bool] | None = None,
) -> PushResult:
    """Make the database at ``url`` match the schema code (development databases only).

    ``on_plan`` sees the plan before anything runs (the CLI prints it). When the plan has risks and
    ``force`` is false, ``confirm`` decides; without ``confirm`` push raises ``PushError`` listing
    them. ``confirm_statement`` is asked before each statement (the CLI's --strict).
    """
    cfg = as_config(config)
    target = require_url(url, cfg, "push")
    db = Connection(target)
    try:
        with database_errors("push could not read the database"):
            plan = plan_push(db, cfg, target, renames=renames, resolver=resolver)
        if not plan.operations:
            return PushResult(plan, 0, False)
        if on_plan is not None:
            on_plan(plan)
        if dry_run:
            return PushResult(plan, 0, False)
        if plan.risks and not force:
            if confirm is None:
                listing = "; ".join(r.message for r in plan.risks)
                raise PushError(
                    f"push would lose data, fail, widen access or stop publishing: {listing}",
                    hint="pass --force to accept (nothing is ever truncated to make a change fit), "
                    "or change the data or the schema first",
                )
            if not confirm(plan):
                return PushResult(plan, 0, False)
        ran = execute(db(), plan.operations, confirm_statement=confirm_statement)
    finally:
        db.close()
    return PushResult(plan, ran, True)
