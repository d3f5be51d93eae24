"""SQL text assembly shared by every kind, and whole migration files.

Each kind's own DDL (CREATE TABLE, a column definition, constraints, indexes, policies, sequence
options) lives in its module under pgshift.diff.kinds; this module keeps what they share — always
quoted identifier lists, Drizzle's packed constraint column lists, comment literals — and how a
migration file is put together (statement breakpoints, the transaction and irreversible headers, the
down file from reversed operations). Output is a pure function of the operations, so the same inputs
give byte-identical files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgshift.folder.files import BREAKPOINT
from pgshift.model.types import quote_ident, quote_literal

if TYPE_CHECKING:
    from pgshift.diff.operations import Operation

IRREVERSIBLE_HEADER = "-- pgshift:irreversible"
# Read by pgshift.txmode: run the file statement by statement. Written when an op cannot share a
# transaction with the rest and the parser could not tell (ALTER TYPE ... ADD VALUE on PG12+ is allowed
# in a transaction, but the value is unusable until commit).
NO_TRANSACTION_HEADER = "-- pgshift:transaction off"


def idents(names: Iterable[str]) -> str:
    return ", ".join(quote_ident(n) for n in names)


def packed_idents(names: Iterable[str]) -> str:
    """Drizzle writes constraint column lists without a space after the comma: ``("a","b")``."""
    return ",".join(quote_ident(n) for n in names)


def comment_literal(comment: str | None) -> str:
    return "NULL" if comment is None else quote_literal(comment)


def join_statements(statements: Sequence[str]) -> str:
    """Statements joined as drizzle-kit joins them: the marker right after ``;``, multi-line ones end in a newline."""
    pieces = [s + "\n" if "\n" in s else s for s in statements]
    return (BREAKPOINT + "\n").join(pieces)


def _with_tx_header(ops: Sequence[Operation], body: str) -> str:
    if any(not op.transactional for op in ops):
        return f"{NO_TRANSACTION_HEADER}\n{body}"
    return body


def migration_sql(ops: Sequence[Operation]) -> str:
    """The up migration file text (with ``-- pgshift:transaction off`` first if an op needs it)."""
    return _with_tx_header(ops, join_statements([stmt for op in ops for stmt in op.sql()]))


def irreversible_reasons(ops: Sequence[Operation]) -> list[str]:
    return [op.describe() for op in ops if op.reverse() is None]


def down_sql(ops: Sequence[Operation]) -> str:
    """The down migration: every op's reverse in reverse order.

    If some op cannot be undone (its data is gone), the first line is ``-- pgshift:irreversible <what>``
    so the runner refuses the file instead of pretending; the reversible statements follow for a
    person to adapt.
    """
    reverses = [rev for op in reversed(ops) if (rev := op.reverse()) is not None]
    body = _with_tx_header(reverses, join_statements([stmt for rev in reverses for stmt in rev.sql()]))
    reasons = irreversible_reasons(ops)
    if reasons:
        header = f"{IRREVERSIBLE_HEADER} {'; '.join(reasons)}\n"
        return header + body
    return body
