"""Lint one migration file: parse it with libpg_query, walk its statements in order, report findings.

The statements are read in ``pgshift.pg.parser.plain_tree``'s form (dicts named as libpg_query's JSON
names them: ``node.get("tableElts", ())``, ``cmd["subtype"] == "AT_AddColumn"``), not as protobuf
messages: that parse is about three times cheaper and dict reads are cheaper than message attributes.
A field at its default is absent, hence ``.get`` with the default wherever a field may be unset.

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
from pgshift.lint.finding import RANK, Finding, new_finding
from pgshift.lint.rules import RULES
from pgshift.model.types import normalize_type
from pgshift.pg.parser import (
    SqlSyntaxError,
    Statement,
    deparse_plain_type,
    find_plain,
    kind_of,
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
    """What linting one file has seen so far: its findings, and the effects of statements that later ones
    depend on."""

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
    heuristic that decides it). ``statements`` is ``sql`` parsed already, as plain trees (generate
    parsed it to check it), spared a second parse.
    """
    try:
        if statements is None:
            statements = parse_migration(sql, breakpoints, plain=True)
    except SqlSyntaxError as exc:
        found = [_finding("syntax-error", f"syntax error: {exc.message}", path, exc.line, exc.column, "")]
        return apply_severity(found, config_severity)
    # Only a file that starts with a comment line can have a header (most files: skip reading one).
    directive = header_directive(sql) if sql.lstrip().startswith("--") else None
    if directive is None:  # what pgshift migrate does: no transaction when a statement refuses one
        directive = not any(non_transactional_reason(s, 150000) for s in statements)
    state = _FileState(path, sql, previous_snapshot or {}, hand_written, directive)
    ignored = _ignore_comments(sql)
    for statement in statements:
        before = len(state.findings)
        _track_transaction(state, statement)
        _HANDLERS.get(statement.kind, _nothing)(state, statement)
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
    return new_finding(rule_id, severity or default, message, path, line, column, _excerpt(text), lock,
                       rewrite, fix, scan, table, column_name, index)  # fmt: skip


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


_NONE: dict[str, Any] = {}  # an unset message or node (read-only: never written to)


def _sval(node: dict[str, Any]) -> str:
    """The text of a ``String`` node (``""`` when it is another kind)."""
    return str(node.get("String", _NONE).get("sval", ""))


def _table_key(relation: dict[str, Any]) -> str:
    return f"{relation.get('schemaname') or 'public'}.{relation.get('relname', '')}"


def _existed(state: _FileState, key: str) -> bool:
    """A table existed before the migration unless the file created it earlier."""
    return key not in state.created_tables


def _in_transaction(state: _FileState) -> bool:
    return state.file_transactional or state.in_block


def _same_segment(state: _FileState, segment: int) -> bool:
    return _in_transaction(state) and segment == state.segment


def _type_names(type_name: dict[str, Any]) -> list[str]:
    return [_sval(n) for n in type_name.get("names", ())]


def _type_base(type_name: dict[str, Any]) -> str:
    """The type's own name, lower-cased, without its schema (``pg_catalog.int4`` -> ``int4``)."""
    names = type_name.get("names")
    return _sval(names[-1]).lower() if names else ""


def _type_text(type_name: dict[str, Any]) -> str:
    return deparse_plain_type(type_name)


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
        if value and _not_null_column(parse_expression(value, plain=True)) == column:
            return True
    return False


def _not_null_column(expr: Any) -> str | None:
    """The column of ``col IS NOT NULL`` (the CHECK that lets SET NOT NULL skip its scan)."""
    test = expr.get("NullTest") if expr else None
    if test is None or test.get("nulltesttype") != "IS_NOT_NULL":
        return None
    ref = test.get("arg", _NONE).get("ColumnRef")
    if ref is None:
        return None
    fields = [_sval(f) for f in ref.get("fields", ()) if "String" in f]
    return fields[-1] if fields else None


def _volatile_call(expr: Any) -> str | None:
    for call in find_plain(expr, "FuncCall"):
        funcname = call.get("funcname")
        name = _sval(funcname[-1]) if funcname else ""
        if name in VOLATILE_FUNCTIONS:
            return name
    return None


def _nothing(state: _FileState, stmt: Statement) -> None:
    return None


# --- transaction and lock_timeout tracking -----------------------------------------------------------


def _track_transaction(state: _FileState, stmt: Statement) -> None:
    if stmt.kind != _TRANSACTION:
        if not state.in_block and not state.file_transactional:
            state.segment += 1  # autocommit: every statement is its own transaction
        return
    kind = stmt.node.get("kind")
    if kind in ("TRANS_STMT_BEGIN", "TRANS_STMT_START"):
        state.in_block = True
        state.segment += 1
    elif kind in ("TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"):
        state.in_block = False
        state.segment += 1


# Statements that take a table lock worth a lock_timeout (the weakest they take).
# Statement kinds (``Statement.kind``), named through the node classes.
_TRANSACTION = kind_of(nodes.TransactionStmt)
_INDEX = kind_of(nodes.IndexStmt)
_ALTER_TABLE = kind_of(nodes.AlterTableStmt)
_VARIABLE_SET = kind_of(nodes.VariableSetStmt)
_ALTER_ENUM = kind_of(nodes.AlterEnumStmt)

# Statements that take a table lock worth a lock_timeout (the weakest they take).
_STATEMENT_LOCKS: dict[str, Lock] = {
    _INDEX: Lock.SHARE,
    kind_of(nodes.DropStmt): Lock.ACCESS_EXCLUSIVE,
    kind_of(nodes.TruncateStmt): Lock.ACCESS_EXCLUSIVE,
    kind_of(nodes.RenameStmt): Lock.ACCESS_EXCLUSIVE,
    _ALTER_TABLE: Lock.SHARE_UPDATE_EXCLUSIVE,  # at least; most subcommands take ACCESS EXCLUSIVE
}


def _note_lock_timeout(state: _FileState, stmt: Statement) -> None:
    kind, node = stmt.kind, stmt.node
    if kind == _VARIABLE_SET and node.get("name") == "lock_timeout":
        state.lock_timeout = True
        return
    if state.lock_timeout or state.lock_noted:
        return
    lock = _STATEMENT_LOCKS.get(kind)
    if lock is None:
        return
    if kind == _INDEX and (
        node.get("concurrent") or not _existed(state, _table_key(node.get("relation", _NONE)))
    ):
        return
    if kind == _ALTER_TABLE and not _existed(state, _table_key(node.get("relation", _NONE))):
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
    key = _table_key(node.get("relation", _NONE))
    if_not_exists = node.get("if_not_exists", False)
    if key in state.previous.get("tables", {}) and key not in state.created_tables and not if_not_exists:
        _report(
            state,
            stmt,
            "recreates-existing-table",
            f"creates table {key}, which the previous snapshot already has",
            table=key,
        )
    state.created_tables.add(key)
    if state.hand_written and not if_not_exists:
        _report(state, stmt, "non-idempotent", f"CREATE TABLE {key} without IF NOT EXISTS", table=key)
    pk_columns: set[str] = set()
    elements = node.get("tableElts", ())
    for elt in elements:
        constraint = elt.get("Constraint")
        if constraint is not None and constraint.get("contype") == "CONSTR_PRIMARY":
            pk_columns.update(_sval(k) for k in constraint.get("keys", ()))
    for elt in elements:
        column = elt.get("ColumnDef")
        if column is not None:
            _advise_column(state, stmt, key, column, pk_columns)


def _advise_column(
    state: _FileState, stmt: Statement, key: str, col: dict[str, Any], pk_columns: set[str]
) -> None:
    type_name = col.get("typeName", _NONE)
    base = _type_base(type_name)
    if base not in _ADVISED_TYPES:  # most columns: nothing to advise, nothing more to read
        return
    colname = col.get("colname", "")
    subject = f"{key}.{colname}"
    if base in _SERIALS:
        _report(state, stmt, "prefer-identity", f"{subject} is {base}", table=key, column_name=colname)
    if base in _SMALL_INTS and _is_primary_key(col, pk_columns):
        _report(
            state,
            stmt,
            "prefer-bigint-keys",
            f"primary key {subject} is {base}",
            table=key,
            column_name=colname,
        )
    if base == "timestamp":
        _report(
            state,
            stmt,
            "prefer-timestamptz",
            f"{subject} is timestamp without time zone",
            table=key,
            column_name=colname,
        )
    if base == "varchar" and type_name.get("typmods"):
        _report(
            state,
            stmt,
            "prefer-text",
            f"{subject} is {_type_text(type_name)}",
            table=key,
            column_name=colname,
        )
    if base == "json":
        _report(state, stmt, "prefer-jsonb", f"{subject} is json", table=key, column_name=colname)


def _is_primary_key(col: dict[str, Any], pk_columns: set[str]) -> bool:
    """The column is in the table's PRIMARY KEY constraint or carries an inline one."""
    return col.get("colname", "") in pk_columns or any(
        c.get("Constraint", _NONE).get("contype") == "CONSTR_PRIMARY" for c in col.get("constraints", ())
    )


def _alter_table(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    if node.get("objtype") != "OBJECT_TABLE":
        return
    key = _table_key(node.get("relation", _NONE))
    existed = _existed(state, key)
    for item in node.get("cmds", ()):
        cmd = item.get("AlterTableCmd", _NONE)
        handler = _ALTER_HANDLERS.get(cmd.get("subtype", ""))
        if handler is not None:
            handler(state, stmt, key, existed, cmd, cmd.get("def", _NONE))


def _add_column(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    col = part.get("ColumnDef", _NONE)
    colname = col.get("colname", "")
    subject = f"{key}.{colname}"
    _advise_column(state, stmt, key, col, set())
    if not existed:
        return
    constraints = [c.get("Constraint", _NONE) for c in col.get("constraints", ())]
    kinds = {c.get("contype"): c for c in constraints}
    has_default = "CONSTR_DEFAULT" in kinds or "CONSTR_IDENTITY" in kinds or "CONSTR_GENERATED" in kinds
    if "CONSTR_NOTNULL" in kinds and not has_default:
        _report(
            state,
            stmt,
            "add-column-not-null-no-default",
            f"adds NOT NULL column {subject} without a default",
            table=key,
            column_name=colname,
        )
    for inline in ("CONSTR_UNIQUE", "CONSTR_PRIMARY"):
        if inline in kinds:
            kind = "PRIMARY KEY" if inline == "CONSTR_PRIMARY" else "UNIQUE"
            _report(state, stmt, "unique-without-using-index", f"adds column {subject} with an inline {kind}: "
                    "its index is built under ACCESS EXCLUSIVE", table=key, column_name=colname)  # fmt: skip
    if "CONSTR_DEFAULT" in kinds:
        name = _volatile_call(kinds["CONSTR_DEFAULT"].get("raw_expr"))
        if name:
            _report(
                state,
                stmt,
                "add-column-volatile-default",
                f"adds {subject} with volatile default {name}(): the table is rewritten",
                table=key,
                column_name=colname,
            )


def _drop_column(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    if existed:
        name = cmd.get("name", "")
        _report(state, stmt, "drop-column", f"drops column {key}.{name}", table=key, column_name=name)


def _alter_type(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    if not existed:
        return
    col = part.get("ColumnDef", _NONE)
    new = _type_text(col.get("typeName", _NONE))
    with suppress(ValueError):
        new = normalize_type(new)  # Drizzle's spelling, as in the snapshot ("integer", not "int")
    name = cmd.get("name", "")
    subject = f"{key}.{name}"
    old_col = _snapshot_column(state, key, name)
    using = "raw_default" in col
    if old_col is None or not old_col.get("type"):
        _report(
            state,
            stmt,
            "column-type-rewrite",
            f"changes {subject} to {new}: may rewrite the table (old type "
            "unknown; lint the folder to compare with the previous snapshot)",
            severity="warning",  # "may": the error is for a known rewrite
            table=key,
            column_name=name,
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
        column_name=name,
    )


def _set_not_null(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    name = cmd.get("name", "")
    if not existed or (key, name) in state.not_null_checks or _snapshot_not_null_checked(state, key, name):
        return
    _report(
        state,
        stmt,
        "set-not-null",
        f"sets {key}.{name} NOT NULL without a validated CHECK ({name} IS NOT NULL) before it",
        table=key,
        column_name=name,
    )


def _add_constraint(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    con = part.get("Constraint", _NONE)
    contype = con.get("contype")
    conname = con.get("conname", "")
    not_valid = con.get("skip_validation", False)
    if contype == "CONSTR_CHECK":
        column = _not_null_column(con.get("raw_expr"))
        if column and not not_valid:
            state.not_null_checks.add((key, column))
        elif column and conname:
            state.pending_checks[conname] = (key, column)
    if not existed:
        return
    if not_valid:
        if conname:
            state.not_valid[conname] = state.segment
        return
    if contype == "CONSTR_FOREIGN":
        _report(
            state,
            stmt,
            "fk-without-not-valid",
            f"adds foreign key {conname} on {key} without NOT VALID".replace("  ", " "),
            table=key,
        )
    elif contype == "CONSTR_CHECK":
        _report(
            state,
            stmt,
            "check-without-not-valid",
            f"adds CHECK {conname} on {key} without NOT VALID".replace("  ", " "),
            table=key,
        )
    elif contype in ("CONSTR_PRIMARY", "CONSTR_UNIQUE") and not con.get("indexname"):
        kind = "PRIMARY KEY" if contype == "CONSTR_PRIMARY" else "UNIQUE"
        _report(
            state, stmt, "unique-without-using-index", f"adds {kind} on {key} without USING INDEX", table=key
        )


def _validate(state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any) -> None:
    name = cmd.get("name", "")
    if name in state.pending_checks:
        state.not_null_checks.add(state.pending_checks.pop(name))
    segment = state.not_valid.get(name)
    if segment is not None and _same_segment(state, segment):
        _report(
            state,
            stmt,
            "validate-same-transaction",
            f"validates {name} in the transaction that added it NOT VALID",
            table=key,
        )


def _set_access_method(
    state: _FileState, stmt: Statement, key: str, existed: bool, cmd: Any, part: Any
) -> None:
    if existed:
        method = cmd.get("name") or "the default access method"
        _report(
            state, stmt, "set-access-method", f"moves {key} to {method}: the table is rewritten", table=key
        )


_AlterHandler = Callable[[_FileState, Statement, str, bool, Any, Any], None]
_ALTER_HANDLERS: dict[str, _AlterHandler] = {
    "AT_AddColumn": _add_column,
    "AT_DropColumn": _drop_column,
    "AT_AlterColumnType": _alter_type,
    "AT_SetNotNull": _set_not_null,
    "AT_AddConstraint": _add_constraint,
    "AT_ValidateConstraint": _validate,
    "AT_SetAccessMethod": _set_access_method,
}


def _index_functions(node: dict[str, Any]) -> Iterator[Any]:
    """The function calls of an index, in its key expressions and its predicate: the only places that
    hold expressions (a plain column key, INCLUDE, WITH and TABLESPACE cannot), so most indexes need no
    walk at all."""
    for param in node.get("indexParams", ()):
        expr = param.get("IndexElem", _NONE).get("expr")
        if expr is not None:
            yield from find_plain(expr, "FuncCall")
    where = node.get("whereClause")
    if where is not None:
        yield from find_plain(where, "FuncCall")


def _create_index(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    key = _table_key(node.get("relation", _NONE))
    idxname = node.get("idxname", "")
    if idxname:
        state.created_indexes.add(idxname)
    for call in _index_functions(node):
        name = ".".join(_sval(n) for n in call.get("funcname", ()))
        state.stored_here.setdefault(name, []).append(f"index {idxname or '(unnamed)'} on {key}")
    if node.get("concurrent"):
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
            f"builds index {idxname} on {key} without CONCURRENTLY".replace("  ", " "),
            table=key,
        )
    if state.hand_written and not node.get("if_not_exists"):
        _report(state, stmt, "non-idempotent", "CREATE INDEX without IF NOT EXISTS", table=key)


_DROPS_ON_TABLE: dict[str, str] = {"OBJECT_TRIGGER": "drop-trigger", "OBJECT_RULE": "drop-rule"}

_DROPS: dict[str, str] = {
    "OBJECT_TABLE": "drop-table",
    "OBJECT_SCHEMA": "drop-schema",
    "OBJECT_TYPE": "drop-type",
}


def _object_names(node: dict[str, Any]) -> list[str]:
    names = []
    for obj in node.get("objects", ()):
        if "List" in obj:
            names.append(".".join(_sval(i) for i in obj["List"].get("items", ())))
        elif "String" in obj:
            names.append(_sval(obj))
        elif "TypeName" in obj:
            names.append(".".join(_type_names(obj["TypeName"])))
    return names


def _drop(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    kind = node.get("removeType", "")
    names = _object_names(node)
    if state.hand_written and not node.get("missing_ok"):
        _report(state, stmt, "non-idempotent", "DROP without IF EXISTS")
    if kind == "OBJECT_INDEX":
        if node.get("concurrent"):
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
    if kind in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
        _drop_view(state, stmt, names, cascade=node.get("behavior") == "DROP_CASCADE")
        return
    rule = _DROPS.get(kind)
    if rule is None:
        return
    for name in names:
        key = name if "." in name or kind != "OBJECT_TABLE" else f"public.{name}"
        if kind == "OBJECT_TABLE" and not _existed(state, key):
            continue
        _report(
            state,
            stmt,
            rule,
            f"drops {kind.removeprefix('OBJECT_').lower()} {name}",
            table=key if kind == "OBJECT_TABLE" else None,
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
    key = _table_key(node.get("view", _NONE))
    if node.get("replace") and key not in state.created_views:
        _report(
            state,
            stmt,
            "replace-view",
            f"replaces view {key}: fails unless it keeps every column and only adds some at the end",
        )
    state.created_views.add(key)


def _create_matview(state: _FileState, stmt: Statement) -> None:
    if stmt.node.get("objtype") == "OBJECT_MATVIEW":
        state.created_views.add(_table_key(stmt.node.get("into", _NONE).get("rel", _NONE)))


def _refresh(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    key = _table_key(node.get("relation", _NONE))
    if not node.get("concurrent") and key not in state.created_views:
        _report(
            state,
            stmt,
            "refresh-materialized-view-not-concurrent",
            f"refreshes {key} without CONCURRENTLY: reads of it wait until the query finishes",
        )


def _create_trigger(state: _FileState, stmt: Statement) -> None:
    key = _table_key(stmt.node.get("relation", _NONE))
    if _existed(state, key):
        trigger = stmt.node.get("trigname", "")
        _report(state, stmt, "create-trigger", f"creates trigger {trigger} on {key}", table=key)


def _create_rule(state: _FileState, stmt: Statement) -> None:
    key = _table_key(stmt.node.get("relation", _NONE))
    if _existed(state, key) and key not in state.created_views:
        rule = stmt.node.get("rulename", "")
        _report(state, stmt, "create-rule", f"creates rule {rule} on {key}", table=key)


def _replace_function(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    if not node.get("replace"):
        return
    parts = [_sval(n) for n in node.get("funcname", ())]
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
    for rel in stmt.node.get("relations", ()):
        key = _table_key(rel.get("RangeVar", _NONE))
        _report(state, stmt, "truncate", f"truncates {key}", table=key)


def _rename(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    kind = node.get("renameType")
    relation = node.get("relation")
    if kind not in ("OBJECT_COLUMN", "OBJECT_TABLE") or relation is None:
        return
    key = _table_key(relation)
    newname = node.get("newname", "")
    if not _existed(state, key):
        if kind == "OBJECT_TABLE":
            state.created_tables.add(f"{relation.get('schemaname') or 'public'}.{newname}")
        return
    if kind == "OBJECT_COLUMN":
        column = node.get("subname", "")
        _report(state, stmt, "rename-column", f"renames column {key}.{column} to {newname}", table=key)
    else:
        _report(state, stmt, "rename-table", f"renames table {key} to {newname}", table=key)


def _alter_enum(state: _FileState, stmt: Statement) -> None:
    node = stmt.node
    new_val = node.get("newVal", "")
    if new_val and not node.get("oldVal"):
        state.enum_values[new_val] = state.segment


def _uses_new_enum_value(state: _FileState, stmt: Statement) -> None:
    if not state.enum_values or stmt.kind == _ALTER_ENUM:
        return
    for const in find_plain(stmt.node, "A_Const"):
        value = const["sval"].get("sval", "") if "sval" in const else None
        if value in state.enum_values and _same_segment(state, state.enum_values[value]):
            _report(
                state,
                stmt,
                "enum-value-used-same-transaction",
                f"uses enum value {value!r} added earlier in the same transaction",
            )
            return


def _update(state: _FileState, stmt: Statement) -> None:
    _uses_new_enum_value(state, stmt)
    if "whereClause" not in stmt.node:
        key = _table_key(stmt.node.get("relation", _NONE))
        _report(state, stmt, "update-without-where", f"updates every row of {key}", table=key)


def _delete(state: _FileState, stmt: Statement) -> None:
    _uses_new_enum_value(state, stmt)
    if "whereClause" not in stmt.node:
        key = _table_key(stmt.node.get("relation", _NONE))
        _report(state, stmt, "delete-without-where", f"deletes every row of {key}", table=key)


def _create_schema(state: _FileState, stmt: Statement) -> None:
    if state.hand_written and not stmt.node.get("if_not_exists"):
        schema = stmt.node.get("schemaname", "")
        _report(state, stmt, "non-idempotent", f"CREATE SCHEMA {schema} without IF NOT EXISTS")


_Handler = Callable[[_FileState, Statement], None]


def _with_enum_use(handler: _Handler) -> _Handler:
    def wrapped(state: _FileState, stmt: Statement) -> None:
        if state.enum_values:  # nothing to look for until the file adds an enum value
            _uses_new_enum_value(state, stmt)
        handler(state, stmt)

    return wrapped


# Keyed by the statement's kind (``Statement.kind``), named through its node class.
_HANDLERS: dict[str, _Handler] = {
    kind_of(nodes.CreateStmt): _with_enum_use(_create_table),
    kind_of(nodes.AlterTableStmt): _with_enum_use(_alter_table),
    kind_of(nodes.IndexStmt): _with_enum_use(_create_index),
    kind_of(nodes.DropStmt): _drop,
    kind_of(nodes.TruncateStmt): _truncate,
    kind_of(nodes.RenameStmt): _rename,
    kind_of(nodes.AlterEnumStmt): _alter_enum,
    kind_of(nodes.UpdateStmt): _update,
    kind_of(nodes.DeleteStmt): _delete,
    kind_of(nodes.InsertStmt): _uses_new_enum_value,
    kind_of(nodes.SelectStmt): _uses_new_enum_value,
    kind_of(nodes.CreateSchemaStmt): _create_schema,
    kind_of(nodes.ViewStmt): _create_view,
    kind_of(nodes.CreateTableAsStmt): _create_matview,
    kind_of(nodes.RefreshMatViewStmt): _refresh,
    kind_of(nodes.CreateTrigStmt): _create_trigger,
    kind_of(nodes.RuleStmt): _create_rule,
    kind_of(nodes.CreateFunctionStmt): _replace_function,
}
