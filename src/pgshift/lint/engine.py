"""Lint one migration file: parse it with libpg_query, walk its statements in order, report findings.

Order matters: a table created earlier in the file is new (its index builds and constraints cost
nothing), a validated ``CHECK (col IS NOT NULL)`` earlier makes ``SET NOT NULL`` cheap, an enum value
added earlier in the same transaction cannot be used yet. ``_FileState`` carries those facts down the
file; the previous snapshot of the folder supplies what existed before it (old column types, checks,
tables).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from pgshift.diff.hazards import VOLATILE_FUNCTIONS, Lock, binary_coercible
from pgshift.lint.finding import RANK, Finding
from pgshift.lint.rules import RULES
from pgshift.model.types import normalize_type
from pgshift.pg.parser import (
    SqlSyntaxError,
    Statement,
    deparse_type,
    find_nodes,
    line_col,
    line_comments,
    nodes,
    parse_expression,
    parse_migration,
)
from pgshift.runner.txmode import header_directive, non_transactional_reason

IGNORE = "pgshift:ignore"
EXCERPT = 160
_SERIALS = {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"}
_SMALL_INTS = {"int4", "int2", "serial", "serial4", "smallserial", "serial2", "integer", "int", "smallint"}
_ADVISED_TYPES = _SERIALS | _SMALL_INTS | {"timestamp", "varchar", "json"}  # what _advise_column reads


@dataclass
class _FileState:
    path: str
    sql: str
    previous: dict[str, Any]
    hand_written: bool
    file_transactional: bool
    created_tables: set[str] = field(default_factory=set)
    created_indexes: set[str] = field(default_factory=set)
    not_null_checks: set[tuple[str, str]] = field(default_factory=set)  # validated: (table, column)
    pending_checks: dict[str, tuple[str, str]] = field(default_factory=dict)  # NOT VALID: name -> (t, c)
    not_valid: dict[str, int] = field(default_factory=dict)  # constraint name -> transaction segment
    enum_values: dict[str, int] = field(default_factory=dict)  # added value -> transaction segment
    created_views: set[str] = field(default_factory=set)  # views and materialized views made in this file
    # what this file built on a function's results so far: function name -> ("index i on t", ...)
    stored_here: dict[str, list[str]] = field(default_factory=dict)
    lock_timeout: bool = False
    lock_noted: bool = False
    in_block: bool = False
    segment: int = 0
    findings: list[Finding] = field(default_factory=list)


def lint_text(
    sql: str,
    *,
    path: str,
    previous_snapshot: dict[str, Any] | None = None,
    config_severity: dict[str, str] | None = None,
    hand_written: bool = False,
    breakpoints: bool = True,
    statements: list[Statement] | None = None,
) -> list[Finding]:
    """Findings of one migration's SQL, in file order.

    ``previous_snapshot`` is the Drizzle snapshot JSON of the schema before this migration (the
    previous journal entry's); without it, old column types are unknown and type changes are
    reported as "may rewrite". ``config_severity`` maps rule id to error|warning|info|off (config
    ``lint`` table). ``hand_written`` enables the idempotency advice (see pgshift.lint.folder for the
    heuristic that decides it). ``statements`` is ``sql`` parsed already (generate parsed it to check
    it), spared a second parse.
    """
    try:
        if statements is None:
            statements = parse_migration(sql, breakpoints)
    except SqlSyntaxError as exc:
        found = [_finding("syntax-error", f"syntax error: {exc.message}", path, exc.line, exc.column, "")]
        return apply_severity(found, config_severity)
    directive = header_directive(sql)
    if directive is None:  # what pgshift migrate does: no transaction when a statement refuses one
        directive = not any(non_transactional_reason(s, 150000) for s in statements)
    state = _FileState(path, sql, previous_snapshot or {}, hand_written, directive)
    ignored = _ignore_comments(sql)
    for statement in statements:
        before = len(state.findings)
        _track_transaction(state, statement)
        _HANDLERS.get(type(statement.node), _nothing)(state, statement)
        if not state.lock_noted:  # once noted, nothing later in the file changes that finding
            _note_lock_timeout(state, statement)
        if ignored[0]:  # most files have no ignore comment
            skip = _ignored_for(statement.line, ignored)
            if skip:
                state.findings[before:] = [f for f in state.findings[before:] if f.rule not in skip]
    return apply_severity(state.findings, config_severity)


def apply_severity(findings: list[Finding], config_severity: dict[str, str] | None) -> list[Finding]:
    """Apply the config's per-rule severity (``off`` removes the rule's findings)."""
    if not config_severity:
        return findings
    out = []
    for f in findings:
        level = config_severity.get(f.rule)
        if level == "off":
            continue
        out.append(replace(f, severity=level) if level in RANK else f)
    return out


# --- helpers ---------------------------------------------------------------------------------------


def _finding(
    rule_id: str,
    message: str,
    path: str,
    line: int,
    column: int,
    text: str,
    severity: str | None = None,
    table: str | None = None,
    column_name: str | None = None,
    index: str | None = None,
) -> Finding:
    """A finding of ``rule_id`` with the rule's lock facts; ``severity`` overrides the rule's default."""
    default, lock, rewrite, fix, scan = _RULE_FACTS[rule_id]
    return Finding(
        rule=rule_id,
        severity=severity or default,
        message=message,
        path=path,
        line=line,
        column=column,
        statement=_excerpt(text),
        lock=lock,
        rewrite=rewrite,
        fix=fix,
        scan=scan,
        table=table,
        column_name=column_name,
        index=index,
    )


# What every finding of a rule repeats, read once: a Rule's properties look the lock facts up in
# hazards.EFFECTS on each access, and a folder of migrations makes tens of thousands of findings.
_RULE_FACTS: dict[str, tuple[str, str | None, bool, str | None, bool]] = {
    rule.id: (rule.severity, rule.lock, rule.rewrite, rule.safe, rule.scan) for rule in RULES.values()
}


@lru_cache(maxsize=256)
def _excerpt(text: str) -> str:
    """The statement on one line, cut at EXCERPT characters (cached: a statement often has several findings)."""
    excerpt = " ".join(text.split())
    return excerpt if len(excerpt) <= EXCERPT else excerpt[: EXCERPT - 1] + "…"


def _report(
    state: _FileState,
    stmt: Statement,
    rule_id: str,
    message: str,
    *,
    severity: str | None = None,
    table: str | None = None,
    column_name: str | None = None,
    index: str | None = None,
) -> None:
    """Add a finding at ``stmt`` (the subject named by keyword: tens of thousands of findings in a large
    folder made ``**extra`` dicts a measurable share of the linting)."""
    state.findings.append(
        _finding(
            rule_id,
            message,
            state.path,
            stmt.line,
            stmt.column,
            stmt.text,
            severity,
            table,
            column_name,
            index,
        )
    )


def _ignore_comments(sql: str) -> tuple[dict[int, set[str]], set[int]]:
    """Rule ids of ``-- pgshift:ignore a, b`` comments by line, and the comment-only lines.

    Found with the SQL scanner (so the words in a string literal never count). The comment may sit
    anywhere in the block of comment lines right above the statement (a reason below it, or a
    breakpoint marker between them, still works).
    """
    if IGNORE not in sql:
        return {}, set()
    ids_by_line: dict[int, set[str]] = {}
    comment_lines: set[int] = set()
    for offset, text in line_comments(sql):
        line, column = line_col(sql, offset)
        if not sql[offset - column + 1 : offset].strip():
            comment_lines.add(line)
        body = text.lstrip("-").lstrip(">").strip()
        if body.startswith(IGNORE):
            ids = {part for part in body[len(IGNORE) :].replace(",", " ").split() if part}
            ids_by_line.setdefault(line, set()).update(ids)
    return ids_by_line, comment_lines


def _ignored_for(line: int, ignores: tuple[dict[int, set[str]], set[int]]) -> set[str]:
    ids_by_line, comment_lines = ignores
    out: set[str] = set()
    above = line - 1
    while above in comment_lines:
        out |= ids_by_line.get(above, set())
        above -= 1
    return out


def _table_key(relation: Any) -> str:
    return f"{relation.schemaname or 'public'}.{relation.relname}"


def _existed(state: _FileState, key: str) -> bool:
    """A table existed before the migration unless the file created it earlier."""
    return key not in state.created_tables


def _in_transaction(state: _FileState) -> bool:
    return state.file_transactional or state.in_block


def _same_segment(state: _FileState, segment: int) -> bool:
    return _in_transaction(state) and segment == state.segment


def _type_names(type_name: Any) -> list[str]:
    return [n.string.sval for n in type_name.names]


def _type_base(type_name: Any) -> str:
    """The type's own name, lower-cased, without its schema (``pg_catalog.int4`` -> ``int4``)."""
    names = type_name.names
    return names[-1].string.sval.lower() if names else ""


def _type_text(type_name: Any) -> str:
    return deparse_type(type_name)


def _snapshot_column(state: _FileState, key: str, column: str) -> dict[str, Any] | None:
    table = state.previous.get("tables", {}).get(key)
    if not isinstance(table, dict):
        return None
    col = table.get("columns", {}).get(column)
    return col if isinstance(col, dict) else None


def _snapshot_not_null_checked(state: _FileState, key: str, column: str) -> bool:
    table = state.previous.get("tables", {}).get(key) or {}
    for check in (table.get("checkConstraints") or {}).values():
        value = check.get("value") if isinstance(check, dict) else None
        if value and _not_null_column(parse_expression(value)) == column:
            return True
    return False


def _not_null_column(expr: Any) -> str | None:
    """The column of ``col IS NOT NULL`` (the CHECK that lets SET NOT NULL skip its scan)."""
    if expr is None or expr.WhichOneof("node") != "null_test":
        return None
    test = expr.null_test
    if test.nulltesttype != nodes.IS_NOT_NULL:
        return None
    arg = test.arg
    if arg.WhichOneof("node") != "column_ref":
        return None
    fields = [f.string.sval for f in arg.column_ref.fields if f.WhichOneof("node") == "string"]
    return fields[-1] if fields else None


def _volatile_call(expr: Any) -> str | None:
    for call in find_nodes(expr, nodes.FuncCall):
        name = call.funcname[-1].string.sval if call.funcname else ""
        if name in VOLATILE_FUNCTIONS:
            return name
    return None


def _nothing(state: _FileState, stmt: Statement) -> None:
    return None


# --- transaction and lock_timeout tracking -----------------------------------------------------------


def _track_transaction(state: _FileState, stmt: Statement) -> None:
    if not isinstance(stmt.node, nodes.TransactionStmt):
        if not state.in_block and not state.file_transactional:
            state.segment += 1  # autocommit: every statement is its own transaction
        return
    kind = stmt.node.kind
    if kind in (nodes.TRANS_STMT_BEGIN, nodes.TRANS_STMT_START):
        state.in_block = True
        state.segment += 1
    elif kind in (nodes.TRANS_STMT_COMMIT, nodes.TRANS_STMT_ROLLBACK):
        state.in_block = False
        state.segment += 1


# Statements that take a table lock worth a lock_timeout (the weakest they take).
_STATEMENT_LOCKS: dict[type, Lock] = {
    nodes.IndexStmt: Lock.SHARE,
    nodes.DropStmt: Lock.ACCESS_EXCLUSIVE,
    nodes.TruncateStmt: Lock.ACCESS_EXCLUSIVE,
    nodes.RenameStmt: Lock.ACCESS_EXCLUSIVE,
    nodes.AlterTableStmt: Lock.SHARE_UPDATE_EXCLUSIVE,  # at least; most subcommands take ACCESS EXCLUSIVE
}


def _note_lock_timeout(state: _FileState, stmt: Statement) -> None:
    if isinstance(stmt.node, nodes.VariableSetStmt) and stmt.node.name == "lock_timeout":
        state.lock_timeout = True
        return
    if state.lock_timeout or state.lock_noted:
        return
    lock = _STATEMENT_LOCKS.get(type(stmt.node))
    if lock is None:
        return
    if isinstance(stmt.node, nodes.IndexStmt) and (
        stmt.node.concurrent or not _existed(state, _table_key(stmt.node.relation))
    ):
        return
    if isinstance(stmt.node, nodes.AlterTableStmt) and not _existed(state, _table_key(stmt.node.relation)):
        return
    state.lock_noted = True
    _report(
        state,
        stmt,
        "missing-lock-timeout",
        "takes a table lock with no lock_timeout set in "
        "this file (first such statement; pgshift migrate sets one per session)",
    )


# --- statement handlers ----------------------------------------------------------------------------


def _create_table(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    key = _table_key(node.relation)
    if key in state.previous.get("tables", {}) and key not in state.created_tables and not node.if_not_exists:
        _report(
            state,
            stmt,
            "recreates-existing-table",
            f"creates table {key}, which the previous snapshot already has",
            table=key,
        )
    state.created_tables.add(key)
    if state.hand_written and not node.if_not_exists:
        _report(state, stmt, "non-idempotent", f"CREATE TABLE {key} without IF NOT EXISTS", table=key)
    pk_columns: set[str] = set()
    for elt in node.table_elts:
        if elt.WhichOneof("node") == "constraint" and elt.constraint.contype == nodes.CONSTR_PRIMARY:
            pk_columns.update(k.string.sval for k in elt.constraint.keys)
    for elt in node.table_elts:
        if elt.WhichOneof("node") == "column_def":
            _advise_column(state, stmt, key, elt.column_def, pk_columns)


def _advise_column(state: _FileState, stmt: Statement, key: str, col: Any, pk_columns: set[str]) -> None:
    base = _type_base(col.type_name)
    if base not in _ADVISED_TYPES:  # most columns: nothing to advise, nothing more to read
        return
    subject = f"{key}.{col.colname}"
    if base in _SERIALS:
        _report(state, stmt, "prefer-identity", f"{subject} is {base}", table=key, column_name=col.colname)
    if base in _SMALL_INTS and _is_primary_key(col, pk_columns):
        _report(
            state,
            stmt,
            "prefer-bigint-keys",
            f"primary key {subject} is {base}",
            table=key,
            column_name=col.colname,
        )
    if base == "timestamp":
        _report(
            state,
            stmt,
            "prefer-timestamptz",
            f"{subject} is timestamp without time zone",
            table=key,
            column_name=col.colname,
        )
    if base == "varchar" and col.type_name.typmods:
        _report(
            state,
            stmt,
            "prefer-text",
            f"{subject} is {_type_text(col.type_name)}",
            table=key,
            column_name=col.colname,
        )
    if base == "json":
        _report(state, stmt, "prefer-jsonb", f"{subject} is json", table=key, column_name=col.colname)


def _is_primary_key(col: Any, pk_columns: set[str]) -> bool:
    """The column is in the table's PRIMARY KEY constraint or carries an inline one."""
    return col.colname in pk_columns or any(
        c.constraint.contype == nodes.CONSTR_PRIMARY for c in col.constraints
    )


def _alter_table(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    if node.objtype != nodes.OBJECT_TABLE:
        return
    key = _table_key(node.relation)
    existed = _existed(state, key)
    for item in node.cmds:
        cmd = item.alter_table_cmd
        handler = _ALTER_HANDLERS.get(cmd.subtype)
        if handler is not None:
            handler(state, stmt, key, existed, cmd, getattr(cmd, "def"))  # "def" is a Python keyword


def _add_column(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    col = part.column_def
    subject = f"{key}.{col.colname}"
    _advise_column(state, stmt, key, col, set())
    if not existed:
        return
    kinds = {c.constraint.contype: c.constraint for c in col.constraints}
    pb = nodes
    has_default = pb.CONSTR_DEFAULT in kinds or pb.CONSTR_IDENTITY in kinds or pb.CONSTR_GENERATED in kinds
    if pb.CONSTR_NOTNULL in kinds and not has_default:
        _report(
            state,
            stmt,
            "add-column-not-null-no-default",
            f"adds NOT NULL column {subject} without a default",
            table=key,
            column_name=col.colname,
        )
    for inline in (pb.CONSTR_UNIQUE, pb.CONSTR_PRIMARY):
        if inline in kinds:
            kind = "PRIMARY KEY" if inline == pb.CONSTR_PRIMARY else "UNIQUE"
            _report(state, stmt, "unique-without-using-index", f"adds column {subject} with an inline {kind}: "
                    "its index is built under ACCESS EXCLUSIVE", table=key, column_name=col.colname)  # fmt: skip
    if pb.CONSTR_DEFAULT in kinds:
        name = _volatile_call(kinds[pb.CONSTR_DEFAULT].raw_expr)
        if name:
            _report(
                state,
                stmt,
                "add-column-volatile-default",
                f"adds {subject} with volatile default {name}(): the table is rewritten",
                table=key,
                column_name=col.colname,
            )


def _drop_column(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    if existed:
        _report(state, stmt, "drop-column", f"drops column {key}.{cmd.name}", table=key, column_name=cmd.name)


def _alter_type(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    if not existed:
        return
    col = part.column_def
    new = _type_text(col.type_name)
    with suppress(ValueError):
        new = normalize_type(new)  # Drizzle's spelling, as in the snapshot ("integer", not "int")
    subject = f"{key}.{cmd.name}"
    old_col = _snapshot_column(state, key, cmd.name)
    using = col.HasField("raw_default")
    if old_col is None or not old_col.get("type"):
        _report(
            state,
            stmt,
            "column-type-rewrite",
            f"changes {subject} to {new}: may rewrite the table (old type "
            "unknown; lint the folder to compare with the previous snapshot)",
            severity="warning",  # "may": the error is for a known rewrite
            table=key,
            column_name=cmd.name,
        )
        return
    old = str(old_col["type"])
    try:
        coercible = binary_coercible(old, new)
    except ValueError:
        coercible = False
    if coercible and not using:
        return
    _report(
        state,
        stmt,
        "column-type-rewrite",
        f"changes {subject} from {old} to {new}: the table is rewritten",
        table=key,
        column_name=cmd.name,
    )


def _set_not_null(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    if (
        not existed
        or (key, cmd.name) in state.not_null_checks
        or _snapshot_not_null_checked(state, key, cmd.name)
    ):
        return
    _report(
        state,
        stmt,
        "set-not-null",
        f"sets {key}.{cmd.name} NOT NULL without a validated CHECK ({cmd.name} IS NOT NULL) before it",
        table=key,
        column_name=cmd.name,
    )


def _add_constraint(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    con = part.constraint
    pb = nodes
    not_valid = con.skip_validation
    if con.contype == pb.CONSTR_CHECK:
        column = _not_null_column(con.raw_expr)
        if column and not not_valid:
            state.not_null_checks.add((key, column))
        elif column and con.conname:
            state.pending_checks[con.conname] = (key, column)
    if not existed:
        return
    if not_valid:
        if con.conname:
            state.not_valid[con.conname] = state.segment
        return
    if con.contype == pb.CONSTR_FOREIGN:
        _report(
            state,
            stmt,
            "fk-without-not-valid",
            f"adds foreign key {con.conname or ''} on {key} without NOT VALID".replace("  ", " "),
            table=key,
        )
    elif con.contype == pb.CONSTR_CHECK:
        _report(
            state,
            stmt,
            "check-without-not-valid",
            f"adds CHECK {con.conname or ''} on {key} without NOT VALID".replace("  ", " "),
            table=key,
        )
    elif con.contype in (pb.CONSTR_PRIMARY, pb.CONSTR_UNIQUE) and not con.indexname:
        kind = "PRIMARY KEY" if con.contype == pb.CONSTR_PRIMARY else "UNIQUE"
        _report(
            state, stmt, "unique-without-using-index", f"adds {kind} on {key} without USING INDEX", table=key
        )


def _validate(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    if cmd.name in state.pending_checks:
        state.not_null_checks.add(state.pending_checks.pop(cmd.name))
    segment = state.not_valid.get(cmd.name)
    if segment is not None and _same_segment(state, segment):
        _report(
            state,
            stmt,
            "validate-same-transaction",
            f"validates {cmd.name} in the transaction that added it NOT VALID",
            table=key,
        )


def _set_access_method(
    state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any
) -> None:
    if existed:
        method = cmd.name or "the default access method"
        _report(
            state, stmt, "set-access-method", f"moves {key} to {method}: the table is rewritten", table=key
        )


_AlterHandler = Callable[[_FileState, Statement, str, bool, Any, Any], None]
_ALTER_HANDLERS: dict[int, _AlterHandler] = {
    nodes.AT_AddColumn: _add_column,
    nodes.AT_DropColumn: _drop_column,
    nodes.AT_AlterColumnType: _alter_type,
    nodes.AT_SetNotNull: _set_not_null,
    nodes.AT_AddConstraint: _add_constraint,
    nodes.AT_ValidateConstraint: _validate,
    nodes.AT_SetAccessMethod: _set_access_method,
}


def _index_functions(node: Any) -> Iterator[Any]:
    """The function calls of an index, in its key expressions and its predicate: the only places that
    hold expressions (a plain column key, INCLUDE, WITH and TABLESPACE cannot), so most indexes need no
    walk at all."""
    for param in node.index_params:
        if param.index_elem.HasField("expr"):
            yield from find_nodes(param.index_elem.expr, nodes.FuncCall)
    if node.HasField("where_clause"):
        yield from find_nodes(node.where_clause, nodes.FuncCall)


def _create_index(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    key = _table_key(node.relation)
    if node.idxname:
        state.created_indexes.add(node.idxname)
    for call in _index_functions(node):
        name = ".".join(n.string.sval for n in call.funcname)
        state.stored_here.setdefault(name, []).append(f"index {node.idxname or '(unnamed)'} on {key}")
    if node.concurrent:
        if _in_transaction(state):
            _report(
                state,
                stmt,
                "concurrently-in-transaction",
                "CREATE INDEX CONCURRENTLY inside a transaction block",
                table=key,
            )
    elif _existed(state, key):
        _report(
            state,
            stmt,
            "index-not-concurrent",
            f"builds index {node.idxname or ''} on {key} without CONCURRENTLY".replace("  ", " "),
            table=key,
        )
    if state.hand_written and not node.if_not_exists:
        _report(state, stmt, "non-idempotent", "CREATE INDEX without IF NOT EXISTS", table=key)


_DROPS_ON_TABLE: dict[int, str] = {nodes.OBJECT_TRIGGER: "drop-trigger", nodes.OBJECT_RULE: "drop-rule"}

_DROPS: dict[int, str] = {
    nodes.OBJECT_TABLE: "drop-table",
    nodes.OBJECT_SCHEMA: "drop-schema",
    nodes.OBJECT_TYPE: "drop-type",
}


def _object_names(node: Any) -> list[str]:
    names = []
    for obj in node.objects:
        which = obj.WhichOneof("node")
        if which == "list":
            names.append(".".join(i.string.sval for i in obj.list.items))
        elif which == "string":
            names.append(obj.string.sval)
        elif which == "type_name":
            names.append(".".join(_type_names(obj.type_name)))
    return names


def _drop(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    kind = node.remove_type
    names = _object_names(node)
    if state.hand_written and not node.missing_ok:
        _report(state, stmt, "non-idempotent", "DROP without IF EXISTS")
    if kind == nodes.OBJECT_INDEX:
        if node.concurrent:
            if _in_transaction(state):
                _report(
                    state,
                    stmt,
                    "concurrently-in-transaction",
                    "DROP INDEX CONCURRENTLY inside a transaction block",
                )
        elif not all(n.split(".")[-1] in state.created_indexes for n in names):
            first = names[0] if "." in names[0] else f"public.{names[0]}"
            _report(state, stmt, "drop-index-not-concurrent", f"drops index {', '.join(names)} without CONCURRENTLY",
                    index=first)  # fmt: skip
        return
    if kind in _DROPS_ON_TABLE:
        _drop_on_table(state, stmt, _DROPS_ON_TABLE[kind], names)
        return
    if kind in (nodes.OBJECT_VIEW, nodes.OBJECT_MATVIEW):
        _drop_view(state, stmt, names, cascade=node.behavior == nodes.DROP_CASCADE)
        return
    rule = _DROPS.get(kind)
    if rule is None:
        return
    for name in names:
        key = name if "." in name or kind != nodes.OBJECT_TABLE else f"public.{name}"
        if kind == nodes.OBJECT_TABLE and not _existed(state, key):
            continue
        _report(
            state,
            stmt,
            rule,
            f"drops {nodes.ObjectType.Name(kind).removeprefix('OBJECT_').lower()} {name}",
            table=key if kind == nodes.OBJECT_TABLE else None,
        )


def _drop_on_table(state: _FileState, stmt: Statement, rule: str, names: list[str]) -> None:
    """DROP TRIGGER / DROP RULE: ``names`` are ``[schema.]table.name``."""
    for name in names:
        parts = name.split(".")
        key = ".".join(parts[:-1]) if len(parts) > 2 else f"public.{parts[0]}"
        if _existed(state, key):
            noun = rule.removeprefix("drop-")
            _report(state, stmt, rule, f"drops {noun} {parts[-1]} on {key}", table=key)


def _drop_view(state: _FileState, stmt: Statement, names: list[str], *, cascade: bool) -> None:
    for name in names:
        key = name if "." in name else f"public.{name}"
        if key in state.created_views:
            continue
        how = " with CASCADE: whatever reads it is dropped too, unnamed" if cascade else ""
        _report(state, stmt, "drop-view", f"drops view {key}{how}")


def _create_view(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    key = _table_key(node.view)
    if node.replace and key not in state.created_views:
        _report(
            state,
            stmt,
            "replace-view",
            f"replaces view {key}: fails unless it keeps every column and only adds some at the end",
        )
    state.created_views.add(key)


def _create_matview(state: _FileState, stmt: Statement) -> None:
    if stmt.node.objtype == nodes.OBJECT_MATVIEW:
        state.created_views.add(_table_key(stmt.node.into.rel))


def _refresh(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    key = _table_key(node.relation)
    if not node.concurrent and key not in state.created_views:
        _report(
            state,
            stmt,
            "refresh-materialized-view-not-concurrent",
            f"refreshes {key} without CONCURRENTLY: reads of it wait until the query finishes",
        )


def _create_trigger(state: _FileState, stmt: Statement) -> None:
    key = _table_key(stmt.node.relation)
    if _existed(state, key):
        _report(state, stmt, "create-trigger", f"creates trigger {stmt.node.trigname} on {key}", table=key)


def _create_rule(state: _FileState, stmt: Statement) -> None:
    key = _table_key(stmt.node.relation)
    if _existed(state, key) and key not in state.created_views:
        _report(state, stmt, "create-rule", f"creates rule {stmt.node.rulename} on {key}", table=key)


def _replace_function(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    if not node.replace:
        return
    parts = [n.string.sval for n in node.funcname]
    schema, name = (parts[0], parts[-1]) if len(parts) > 1 else ("public", parts[-1])
    names = {name, f"{schema}.{name}", ".".join(parts)}
    users = [u for n in sorted(names) for u in state.stored_here.get(n, ())]
    users += _previous_stored_users(state, names)
    if users:
        from pgshift.diff.kinds.function import stale_message

        _report(
            state,
            stmt,
            "replace-function-used-by-index",
            f"replaces function {schema}.{name}: {stale_message(dict.fromkeys(users))}",
        )


def _previous_stored_users(state: _FileState, names: set[str]) -> list[str]:
    """What the previous snapshot stores computed by the functions ``names`` (see
    ``pgshift.diff.kinds.function.stored_users``); nothing when there is no readable snapshot."""
    if not state.previous.get("tables") and not state.previous.get("views"):
        return []
    from pgshift.diff.kinds.function import stored_users
    from pgshift.errors import PgshiftError
    from pgshift.sources.snapshot import snapshot_to_model

    try:
        model = snapshot_to_model(state.previous, where=state.path)
    except PgshiftError:
        return []
    return stored_users(model, names)


def _truncate(state: _FileState, stmt: Statement) -> None:
    for rel in stmt.node.relations:
        key = _table_key(rel.range_var)
        _report(state, stmt, "truncate", f"truncates {key}", table=key)


def _rename(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    kind = node.rename_type
    if kind not in (nodes.OBJECT_COLUMN, nodes.OBJECT_TABLE) or not node.HasField("relation"):
        return
    key = _table_key(node.relation)
    if not _existed(state, key):
        if kind == nodes.OBJECT_TABLE:
            state.created_tables.add(f"{node.relation.schemaname or 'public'}.{node.newname}")
        return
    if kind == nodes.OBJECT_COLUMN:
        _report(
            state, stmt, "rename-column", f"renames column {key}.{node.subname} to {node.newname}", table=key
        )
    else:
        _report(state, stmt, "rename-table", f"renames table {key} to {node.newname}", table=key)


def _alter_enum(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    if node.new_val and not node.old_val:
        state.enum_values[node.new_val] = state.segment


def _uses_new_enum_value(state: _FileState, stmt: Statement) -> None:
    if not state.enum_values or isinstance(stmt.node, nodes.AlterEnumStmt):
        return
    for const in find_nodes(stmt.node, nodes.A_Const):
        value = const.sval.sval if const.WhichOneof("val") == "sval" else None
        if value in state.enum_values and _same_segment(state, state.enum_values[value]):
            _report(
                state,
                stmt,
                "enum-value-used-same-transaction",
                f"uses enum value {const.sval.sval!r} added earlier in the same transaction",
            )
            return


def _update(state: _FileState, stmt: Statement) -> None:
    _uses_new_enum_value(state, stmt)
    if not stmt.node.HasField("where_clause"):
        key = _table_key(stmt.node.relation)
        _report(state, stmt, "update-without-where", f"updates every row of {key}", table=key)


def _delete(state: _FileState, stmt: Statement) -> None:
    _uses_new_enum_value(state, stmt)
    if not stmt.node.HasField("where_clause"):
        key = _table_key(stmt.node.relation)
        _report(state, stmt, "delete-without-where", f"deletes every row of {key}", table=key)


def _create_schema(state: _FileState, stmt: Statement) -> None:
    if state.hand_written and not stmt.node.if_not_exists:
        _report(state, stmt, "non-idempotent", f"CREATE SCHEMA {stmt.node.schemaname} without IF NOT EXISTS")


_Handler = Callable[[_FileState, Statement], None]


def _with_enum_use(handler: _Handler) -> _Handler:
    def wrapped(state: _FileState, stmt: Statement) -> None:
        if state.enum_values:  # nothing to look for until the file adds an enum value
            _uses_new_enum_value(state, stmt)
        handler(state, stmt)

    return wrapped


# Keyed by the statement's node class (the binding's named types, not the oneof field names).
_HANDLERS: dict[type, _Handler] = {
    nodes.CreateStmt: _with_enum_use(_create_table),
    nodes.AlterTableStmt: _with_enum_use(_alter_table),
    nodes.IndexStmt: _with_enum_use(_create_index),
    nodes.DropStmt: _drop,
    nodes.TruncateStmt: _truncate,
    nodes.RenameStmt: _rename,
    nodes.AlterEnumStmt: _alter_enum,
    nodes.UpdateStmt: _update,
    nodes.DeleteStmt: _delete,
    nodes.InsertStmt: _uses_new_enum_value,
    nodes.SelectStmt: _uses_new_enum_value,
    nodes.CreateSchemaStmt: _create_schema,
    nodes.ViewStmt: _create_view,
    nodes.CreateTableAsStmt: _create_matview,
    nodes.RefreshMatViewStmt: _refresh,
    nodes.CreateTrigStmt: _create_trigger,
    nodes.RuleStmt: _create_rule,
    nodes.CreateFunctionStmt: _replace_function,
}
