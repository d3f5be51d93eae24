"""Header directives: comment lines at the top of a migration file that tell pgshift how to run it.

    -- pgshift:transaction off        run statement by statement, no transaction (or: on, one transaction)
    -- pgshift:irreversible <reason>  (down files) this reverse cannot restore what the up file changed
    -- pgshift:data-loss <what>       (down files) structure comes back, data does not (rollback says so)

Only the comment block before the first statement counts, so the words inside a string or a later
comment never change how a file runs. Every reader (runner, rollback, lint, generate) asks here.
"""

from __future__ import annotations

from dataclasses import dataclass

TRANSACTION = "pgshift:transaction"
IRREVERSIBLE = "pgshift:irreversible"
DATA_LOSS = "pgshift:data-loss"


@dataclass(frozen=True)
class Headers:
    """The directives of one file; None/empty where absent."""

    transaction: bool | None = None
    irreversible: str | None = None  # the reason ("no reason given" when the line has none)
    data_loss: tuple[str, ...] = ()


def leading_comments(sql: str) -> list[str]:
    """The text of each ``--`` comment line before the first statement (blank lines skipped)."""
    out = []
    for raw in sql.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("--"):
            break
        out.append(line[2:].strip())
    return out


def _rest(comment: str, directive: str) -> str | None:
    if not comment.lower().startswith(directive):
        return None
    return comment[len(directive) :].strip(" :-\t")


def read_headers(sql: str) -> Headers:
    transaction: bool | None = None
    irreversible: str | None = None
    data_loss: list[str] = []
    for comment in leading_comments(sql):
        words = comment.split()
        if transaction is None and len(words) >= 2 and words[0].lower() == TRANSACTION:
            value = words[1].lower()
            if value in ("off", "false", "no"):
                transaction = False
            elif value in ("on", "true", "yes"):
                transaction = True
            continue
        if irreversible is None and (reason := _rest(comment, IRREVERSIBLE)) is not None:
            irreversible = reason or "no reason given"
            continue
        if (what := _rest(comment, DATA_LOSS)) is not None:
            data_loss.append(what or "data is not restored")
    return Headers(transaction, irreversible, tuple(data_loss))


def header_directive(sql: str) -> bool | None:
    """``-- pgshift:transaction on|off`` among the leading comment lines; None when absent."""
    return read_headers(sql).transaction


def irreversible_reason(down_sql: str) -> str | None:
    """The reason text when the down file starts with ``-- pgshift:irreversible <reason>``."""
    return read_headers(down_sql).irreversible


def is_placeholder(sql: str) -> bool:
    """Whether a migration holds no statement at all: empty, or comments and breakpoints only.

    Needs the parser only for block comments; a file of ``--`` lines and breakpoints is decided here.
    """
    from pgshift.pg.parser import parse_migration

    return not parse_migration(sql, True)
