"""The names Postgres gives constraints and indexes that DDL leaves unnamed.

Schema code often leaves constraints unnamed; Postgres then picks a name (``users_pkey``,
``users_email_key``, ``posts_author_id_fkey``, ``users_age_check``, ``users_email_idx``). pgshift names
every constraint explicitly in the SQL it writes, using the same names Postgres would have chosen, so that
a database created by hand, by another tool or by pgshift introspects to the same model. This follows
``makeObjectName`` in src/backend/commands/indexcmds.c, including its 63-byte truncation: the longer of the
two name parts loses characters first, and the label (``pkey``, ``key``, ``fkey``, ``check``, ``idx``)
is always kept.
"""

from __future__ import annotations

NAMEDATALEN = 64


def make_object_name(name1: str, name2: str | None, label: str | None) -> str:
    """``name1_name2_label`` truncated to 63 bytes the way Postgres does it."""
    overhead = (len(label.encode()) + 1 if label else 0) + (1 if name2 else 0)
    avail = NAMEDATALEN - 1 - overhead
    b1, b2 = name1.encode(), (name2 or "").encode()
    n1, n2 = len(b1), len(b2)
    while n1 + n2 > avail:
        if n1 > n2:
            n1 -= 1
        else:
            n2 -= 1
    parts = [_clip(b1, n1)]
    if name2:
        parts.append(_clip(b2, n2))
    if label:
        parts.append(label)
    return "_".join(parts)


def _clip(raw: bytes, length: int) -> str:
    """Cut at ``length`` bytes without splitting a multibyte character (pg_mbcliplen)."""
    return raw[:length].decode("utf-8", errors="ignore")


def _columns_addition(columns: list[str] | tuple[str, ...]) -> str:
    """ChooseIndexNameAddition: column names joined by ``_``, capped at NAMEDATALEN - 1 bytes."""
    joined = ""
    for column in columns:
        joined = f"{joined}_{column}" if joined else column
        if len(joined.encode()) >= NAMEDATALEN:
            break
    return _clip(joined.encode(), NAMEDATALEN - 1)


def primary_key_name(table: str) -> str:
    return make_object_name(table, None, "pkey")


def unique_name(table: str, columns: list[str] | tuple[str, ...]) -> str:
    return make_object_name(table, _columns_addition(columns), "key")


def foreign_key_name(table: str, columns: list[str] | tuple[str, ...]) -> str:
    return make_object_name(table, _columns_addition(columns), "fkey")


def check_name(table: str, first_column: str | None) -> str:
    """A CHECK is named after the first column its expression references, if any."""
    return make_object_name(table, first_column, "check")


def index_name(table: str, columns: list[str] | tuple[str, ...]) -> str:
    """An index on expressions only uses ``expr`` for each expression element."""
    return make_object_name(table, _columns_addition(columns), "idx")


def owned_sequence_name(table: str, column: str) -> str:
    """The sequence Postgres creates for a serial or identity column: ``<table>_<column>_seq``, truncated.

    Postgres picks it with ChooseRelationName, which adds a number when the name is taken; pgshift
    assumes it is free (as it is for every sequence pgshift itself creates).
    """
    return make_object_name(table, column, "seq")


identity_sequence_name = owned_sequence_name  # the same rule for identity columns


def not_null_name(table: str, column: str) -> str:
    """The name PostgreSQL 18+ gives a column's NOT NULL constraint (a pg_constraint row from 18 on):
    ``<table>_<column>_not_null``, truncated. Renaming the table or the column keeps the old name.
    Like ``owned_sequence_name``, it assumes the name is free (ChooseConstraintName would add a number)."""
    return make_object_name(table, column, "not_null")


def handover_sequence_name(table: str, column: str) -> str:
    """Where a column's serial or identity sequence waits while the other kind takes its name
    (``<table>_<column>_seq_old``, truncated): read for its position, then dropped, in one migration."""
    return make_object_name(table, column, "seq_old")


def truncate_identifier(name: str) -> str:
    """What PostgreSQL keeps of an identifier: its first 63 bytes, never half a character."""
    return _clip(name.encode(), NAMEDATALEN - 1)
