"""SQL text to statements, with positions, through the real Postgres parser (libpg_query).

Shared by the runner (which statements may not run in a transaction, which line failed) and the
linter (one finding per statement, at its line and column). Splitting on ``;`` by hand breaks on
``$$`` bodies and semicolons in strings; libpg_query does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import postgast


@dataclass(frozen=True)
class Statement:
    """One statement of a SQL text.

    ``offset`` is the character offset of its first character in the whole text; ``line`` and
    ``column`` are 1-based. ``node`` is the libpg_query protobuf node of the statement (the message
    inside ``RawStmt.stmt``), and ``kind`` its type name (``create_stmt``, ``index_stmt``, ...).
    """

    text: str
    offset: int
    line: int
    column: int
    kind: str
    node: Any


@dataclass(frozen=True)
class SqlSyntaxError(Exception):
    """The parser rejected the text; ``line``/``column`` point at the offending token."""

    message: str
    offset: int
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.message} (line {self.line}, column {self.column})"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def parse_statements(text: str, *, base_offset: int = 0, full_text: str | None = None) -> list[Statement]:
    """Parse ``text`` into statements; raise SqlSyntaxError with the position on a syntax error.

    ``base_offset``/``full_text`` let a caller parse one piece of a larger file (a breakpoint-separated
    chunk) while reporting positions in the whole file.
    """
    whole = full_text if full_text is not None else text
    # libpg_query reports byte offsets; work on bytes so non-ASCII text keeps positions right.
    encoded = text.encode("utf-8")
    try:
        tree = postgast.parse(text)
    except postgast.PgQueryError as exc:
        byte_pos = max((exc.cursorpos or 1) - 1, 0)
        offset = base_offset + len(encoded[:byte_pos].decode("utf-8", errors="ignore"))
        line, column = line_col(whole, offset)
        raise SqlSyntaxError(str(exc.message or exc), offset, line, column) from None
    statements = []
    for raw in tree.stmts:
        start = raw.stmt_location
        end = start + raw.stmt_len if raw.stmt_len else len(encoded)
        chunk = encoded[start:end].decode("utf-8")
        lead = len(chunk) - len(chunk.lstrip())
        offset = base_offset + len(encoded[:start].decode("utf-8")) + lead
        line, column = line_col(whole, offset)
        kind = raw.stmt.WhichOneof("node")
        statements.append(
            Statement(
                text=chunk.strip(),
                offset=offset,
                line=line,
                column=column,
                kind=kind or "",
                node=getattr(raw.stmt, kind) if kind else None,
            )
        )
    return statements


def parse_migration(text: str, breakpoints: bool = True) -> list[Statement]:
    """Statements of a migration file, positions in the whole file.

    Each ``--> statement-breakpoint`` chunk is parsed on its own (as drizzle-orm sends it), so a
    syntax error is located in the chunk that the server would have rejected.
    """
    from pgshift.format.drizzle import BREAKPOINT

    if not breakpoints:
        return parse_statements(text)
    statements: list[Statement] = []
    offset = 0
    for chunk in text.split(BREAKPOINT):
        statements.extend(parse_statements(chunk, base_offset=offset, full_text=text))
        offset += len(chunk) + len(BREAKPOINT)
    return statements
