"""push (development only): make the live database match the schema code, without a migration file.

The same differ as generate, but between the introspected database and the code. Statements run in
transactions where Postgres allows (consecutive transactional operations share one), and the ones that
cannot (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE) run on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pgshift.config import Config
from pgshift.diff.operations import Operation
from pgshift.errors import PgshiftError
from pgshift.model.schema import Model


@dataclass(frozen=True)
class PushPlan:
    actual: Model
    target: Model
    operations: tuple[Operation, ...]


def read_database(conn: Any, config: Config, target: Model, url: str | None = None) -> Model:
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


class PushError(PgshiftError):
    pass


def execute(
    conn: Any,
    operations: Sequence[Operation],
    *,
    confirm_statement: Callable[[str], bool] | None = None,
    on_statement: Callable[[str], None] | None = None,
) -> int:
    """Run the plan; returns how many statements ran. A failure rolls back its transaction and says which."""
    from pgshift.pg.sqlstate import DatabaseError

    conn.autocommit = True
    ran = 0
    for transactional, group in batches(operations):
        statements = [s for op in group for s in op.sql()]
        try:
            if transactional:
                with conn.transaction():
                    for sql in statements:
                        if confirm_statement is not None and not confirm_statement(sql):
                            raise PushError("stopped at your request; this transaction was rolled back")
                        conn.execute(sql)
                        if on_statement:
                            on_statement(sql)
                ran += len(statements)
            else:
                for sql in statements:
                    if confirm_statement is not None and not confirm_statement(sql):
                        raise PushError("stopped at your request")
                    conn.execute(sql)
                    ran += 1
                    if on_statement:
                        on_statement(sql)
        except PushError:
            raise
        except DatabaseError as exc:
            diag = exc.diag
            raise PushError(
                f"push failed: {diag.message_primary or exc}",
                where=f"while running: {sql.strip()[:300]}",
                hint=(diag.hint or "")
                + f" ({ran} statement(s) had completed; the failing transaction was rolled back)",
            ) from None
    return ran
