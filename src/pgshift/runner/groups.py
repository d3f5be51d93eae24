"""Transaction groups: how one migration file is cut into units that commit on their own.

A migration runs as a sequence of groups. Each maximal run of statements that may share a
transaction is one group, run in one transaction; each statement that refuses a transaction block
(``CREATE/DROP INDEX CONCURRENTLY``, ``REINDEX CONCURRENTLY``, ``VACUUM``, ...; the list is
``txmode.non_transactional_reason``) is a group alone, run in autocommit. Two more cuts:

- ``ALTER TYPE ... ADD VALUE`` runs in a transaction on PostgreSQL 12+, but the new value cannot be
  used before that transaction commits. The group ends right after it when any later statement of
  the file mentions the value as a string literal (conservative: a mention in a comment-free
  literal anywhere counts); otherwise it stays in its group.
- ``VALIDATE CONSTRAINT`` of a constraint added ``NOT VALID`` in the same group starts a new group,
  so the short strong lock of the ADD is released before the long validation scan (which needs
  only SHARE UPDATE EXCLUSIVE) and writers are not stalled by it.

The header ``-- pgshift:transaction on`` makes the whole file one transactional group;
``-- pgshift:transaction off`` makes every statement its own autocommit group. Progress is recorded
per committed group (runner.tracking), so an interrupted migration resumes at its first
uncommitted group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from postgast import pg_query_pb2 as pb

from pgshift.pg.parser import Statement
from pgshift.runner.txmode import non_transactional_reason

AT_ADD_CONSTRAINT = pb.AlterTableType.Value("AT_AddConstraint")
AT_VALIDATE_CONSTRAINT = pb.AlterTableType.Value("AT_ValidateConstraint")


@dataclass(frozen=True)
class Group:
    """Statements that commit together. ``number`` is 1-based; ``reason`` says why the group is cut."""

    number: int
    statements: tuple[Statement, ...]
    transactional: bool
    reason: str

    @property
    def first_line(self) -> int:
        return self.statements[0].line if self.statements else 0

    def describe(self, total: int) -> str:
        how = "in a transaction" if self.transactional else "without a transaction"
        return f"group {self.number} of {total} ({how}: {self.reason})"


def _table_key(statement: Statement) -> tuple[str, str]:
    rel = statement.node.relation
    return (rel.schemaname or "", rel.relname)


def _not_valid_added(statement: Statement) -> set[tuple[str, str, str]]:
    """(schema, table, constraint) for each ``ADD CONSTRAINT ... NOT VALID`` of the statement."""
    if statement.kind != "alter_table_stmt":
        return set()
    out = set()
    for cmd in statement.node.cmds:
        c = cmd.alter_table_cmd
        part = getattr(c, "def")  # "def" is a Python keyword
        if (
            c.subtype == AT_ADD_CONSTRAINT
            and part.WhichOneof("node") == "constraint"
            and part.constraint.skip_validation
            and part.constraint.conname
        ):
            out.add((*_table_key(statement), part.constraint.conname))
    return out


def _validates(statement: Statement) -> set[tuple[str, str, str]]:
    if statement.kind != "alter_table_stmt":
        return set()
    return {
        (*_table_key(statement), cmd.alter_table_cmd.name)
        for cmd in statement.node.cmds
        if cmd.alter_table_cmd.subtype == AT_VALIDATE_CONSTRAINT
    }


def added_enum_value(statement: Statement) -> str | None:
    """The value an ``ALTER TYPE ... ADD VALUE`` adds (None for other statements and RENAME VALUE)."""
    if statement.kind == "alter_enum_stmt" and statement.node.new_val and not statement.node.old_val:
        return str(statement.node.new_val)
    return None


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def split_groups(
    statements: Sequence[Statement], *, server_version: int, directive: bool | None = None
) -> list[Group]:
    """Cut ``statements`` into transaction groups (see the module docstring for the rules)."""
    if not statements:
        return []
    if directive is True:
        return [Group(1, tuple(statements), True, "header `-- pgshift:transaction on`")]
    if directive is False:
        return [
            Group(n, (s,), False, "header `-- pgshift:transaction off`") for n, s in enumerate(statements, 1)
        ]
    groups: list[tuple[list[Statement], bool, str]] = []
    current: list[Statement] = []
    not_valid: set[tuple[str, str, str]] = set()
    reason = "default"

    def close(why: str) -> None:
        nonlocal current, not_valid, reason
        if current:
            groups.append((current, True, reason))
        current, not_valid, reason = [], set(), why

    for index, statement in enumerate(statements):
        alone = non_transactional_reason(statement, server_version)
        if alone is not None:
            close("default")
            groups.append(
                ([statement], False, f"{alone} at line {statement.line} cannot run in a transaction")
            )
            continue
        if _validates(statement) & not_valid:
            close(f"VALIDATE at line {statement.line} commits apart from its ADD ... NOT VALID")
        current.append(statement)
        not_valid |= _not_valid_added(statement)
        value = added_enum_value(statement)
        if value is not None and any(_literal(value) in later.text for later in statements[index + 1 :]):
            close(f"enum value {value!r} (added at line {statement.line}) is committed before it is used")
    close("default")
    return [
        Group(number, tuple(stmts), transactional, why)
        for number, (stmts, transactional, why) in enumerate(groups, 1)
    ]
