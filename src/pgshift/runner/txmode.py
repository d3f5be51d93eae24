"""Whether a migration can run inside a transaction.

Some statements refuse a transaction block (``CREATE INDEX CONCURRENTLY``, ``VACUUM``, ...). drizzle-orm
wraps everything in one transaction, so such a migration always fails there. pgshift finds them with
the real parser (libpg_query, through pgshift.sqltext) and runs those migrations statement by
statement in autocommit instead. A header comment decides when the author knows better:

    -- pgshift:transaction off     (or: on)

among the comment lines at the top of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pgshift.format.headers import TRANSACTION, header_directive

if TYPE_CHECKING:  # the parser (protobuf) loads only when a pending migration is inspected
    from pgshift.pg.parser import Statement

__all__ = ["DIRECTIVE", "TxMode", "detect", "header_directive", "non_transactional_reason"]

DIRECTIVE = TRANSACTION


@dataclass(frozen=True)
class TxMode:
    """How to run one migration. ``reason`` says why (for --dry-run, status and errors)."""

    transactional: bool
    reason: str
    statements: tuple[Statement, ...]


def non_transactional_reason(statement: Statement, server_version: int) -> str | None:
    """Why ``statement`` cannot run in a transaction block, or None when it can."""
    node, kind = statement.node, statement.kind
    if type(node) is dict:  # parsed with plain=True (the linter's form)
        return _plain_reason(kind, node, server_version)
    if kind == "index_stmt" and node.concurrent:
        return "CREATE INDEX CONCURRENTLY"
    if kind == "drop_stmt" and node.concurrent:
        return "DROP INDEX CONCURRENTLY"
    if kind == "reindex_stmt":
        if any(p.def_elem.defname == "concurrently" for p in node.params):
            return "REINDEX CONCURRENTLY"
        from pgshift.pg.parser import nodes  # loaded already: ``statement`` came from the parser

        wide = (nodes.REINDEX_OBJECT_SCHEMA, nodes.REINDEX_OBJECT_SYSTEM, nodes.REINDEX_OBJECT_DATABASE)
        if node.kind in wide:
            return "REINDEX SCHEMA/SYSTEM/DATABASE"
    if kind == "alter_table_stmt":
        for cmd in node.cmds:
            part = getattr(cmd.alter_table_cmd, "def")  # "def" is a Python keyword
            if part.WhichOneof("node") == "partition_cmd" and part.partition_cmd.concurrent:
                return "DETACH PARTITION CONCURRENTLY"
    if kind == "vacuum_stmt" and node.is_vacuumcmd:
        return "VACUUM"
    if kind == "alter_system_stmt":
        return "ALTER SYSTEM"
    if kind in ("createdb_stmt", "dropdb_stmt"):
        return "CREATE DATABASE" if kind == "createdb_stmt" else "DROP DATABASE"
    if kind in ("create_table_space_stmt", "drop_table_space_stmt"):
        return "CREATE/DROP TABLESPACE"
    if kind == "alter_enum_stmt" and node.new_val and not node.old_val and server_version < 120000:
        return "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)"
    return None


def _plain_reason(kind: str, node: dict[str, Any], server_version: int) -> str | None:
    """``non_transactional_reason`` read from a node in ``pgshift.pg.parser.plain_tree``'s form (the same
    rules, field for field: fields at their default are absent there, enums are named)."""
    if kind == "index_stmt" and node.get("concurrent"):
        return "CREATE INDEX CONCURRENTLY"
    if kind == "drop_stmt" and node.get("concurrent"):
        return "DROP INDEX CONCURRENTLY"
    if kind == "reindex_stmt":
        if any(p.get("DefElem", {}).get("defname") == "concurrently" for p in node.get("params", ())):
            return "REINDEX CONCURRENTLY"
        wide = ("REINDEX_OBJECT_SCHEMA", "REINDEX_OBJECT_SYSTEM", "REINDEX_OBJECT_DATABASE")
        if node.get("kind") in wide:
            return "REINDEX SCHEMA/SYSTEM/DATABASE"
    if kind == "alter_table_stmt":
        for cmd in node.get("cmds", ()):
            part = cmd.get("AlterTableCmd", {}).get("def", {})
            if part.get("PartitionCmd", {}).get("concurrent"):
                return "DETACH PARTITION CONCURRENTLY"
    if kind == "vacuum_stmt" and node.get("is_vacuumcmd"):
        return "VACUUM"
    if kind == "alter_system_stmt":
        return "ALTER SYSTEM"
    if kind in ("createdb_stmt", "dropdb_stmt"):
        return "CREATE DATABASE" if kind == "createdb_stmt" else "DROP DATABASE"
    if kind in ("create_table_space_stmt", "drop_table_space_stmt"):
        return "CREATE/DROP TABLESPACE"
    if (
        kind == "alter_enum_stmt"
        and node.get("newVal")
        and not node.get("oldVal")
        and server_version < 120000
    ):
        return "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)"
    return None


def detect(sql: str, *, breakpoints: bool = True, server_version: int = 150000) -> TxMode:
    """Parse ``sql`` and decide. Raises sqltext.SqlSyntaxError (with line and column) on bad SQL."""
    from pgshift.pg.parser import parse_migration

    statements = tuple(parse_migration(sql, breakpoints))
    directive = header_directive(sql)
    if directive is not None:
        state = "on" if directive else "off"
        return TxMode(directive, f"header `-- {DIRECTIVE} {state}`", statements)
    for statement in statements:
        reason = non_transactional_reason(statement, server_version)
        if reason is not None:
            return TxMode(False, f"{reason} at line {statement.line} cannot run in a transaction", statements)
    return TxMode(True, "default", statements)
