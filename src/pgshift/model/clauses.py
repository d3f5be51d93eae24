"""Canonical spelling of table-level clauses: partition keys, partition bounds and EXCLUDE constraints.

Each clause is parsed by the Postgres grammar (libpg_query via postgast) inside a statement that holds
it, and printed back, so ``range (issued)`` from schema code and ``RANGE (issued)`` from
``pg_get_partkeydef`` are one spelling, and so are ``WHERE ((room > 0))`` and ``WHERE (room > 0)``.
Text the parser rejects is kept as written (stripped), so a conversion never crashes on it; the
differ then compares it verbatim.
"""

from __future__ import annotations

from functools import lru_cache

import postgast


def _reprint(statement: str, prefix: str) -> str | None:
    try:
        text = str(postgast.deparse(postgast.parse(statement)))
    except postgast.PgQueryError:
        return None
    return text.removeprefix(prefix) if text.startswith(prefix) else None


@lru_cache(maxsize=4096)
def normalize_partition_key(text: str) -> str:
    """``range (issued)`` -> ``RANGE (issued)``."""
    clause = text.strip()
    prefix = "CREATE TABLE x (a int) PARTITION BY "
    return _reprint(prefix + clause, prefix) or clause


@lru_cache(maxsize=16384)
def normalize_partition_bound(text: str) -> str:
    """``for values in ('eu','uk')`` -> ``FOR VALUES IN ('eu', 'uk')``; ``default`` -> ``DEFAULT``."""
    clause = text.strip()
    prefix = "CREATE TABLE x PARTITION OF y "
    return _reprint(prefix + clause, prefix) or clause


@lru_cache(maxsize=4096)
def normalize_exclude(text: str) -> str:
    """An EXCLUDE constraint's definition (from ``EXCLUDE``), without its DEFERRABLE/INITIALLY parts
    (the model holds those as flags): ``EXCLUDE USING gist (during WITH &&) WHERE (room > 0)``."""
    clause = text.strip()
    prefix = "ALTER TABLE t ADD CONSTRAINT c "
    try:
        tree = postgast.parse(prefix + clause)
        stmt = tree.stmts[0].stmt.alter_table_stmt
        constraint = getattr(stmt.cmds[0].alter_table_cmd, "def").constraint
        constraint.deferrable = False
        constraint.initdeferred = False
        constraint.skip_validation = False
        text_out = str(postgast.deparse(tree))
    except (postgast.PgQueryError, IndexError, AttributeError):
        return clause
    return text_out.removeprefix(prefix) if text_out.startswith(prefix) else clause


@lru_cache(maxsize=4096)
def nextval_target(expression: str) -> tuple[str | None, str] | None:
    """``(schema or None, sequence)`` when ``expression`` is ``nextval('<sequence>'[::regclass])``.

    The argument is a regclass literal, itself a (possibly quoted, possibly qualified) name:
    ``nextval('public."we''ird ""name""_id_seq"'::regclass)`` names the sequence ``we'ird "name"_id_seq``.
    Both layers are read with the parser, never by comparing text, so quotes in names cannot fool it.
    """
    try:
        tree = postgast.parse(f"SELECT {expression}")
        node = tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val
    except (postgast.PgQueryError, IndexError):
        return None
    if node.WhichOneof("node") != "func_call":
        return None
    call = node.func_call
    names = [n.string.sval for n in call.funcname]
    if names not in (["nextval"], ["pg_catalog", "nextval"]) or len(call.args) != 1:
        return None
    arg = call.args[0]
    if arg.WhichOneof("node") == "type_cast":
        target = [n.string.sval for n in arg.type_cast.type_name.names]
        if target[-1] != "regclass":
            return None
        arg = arg.type_cast.arg
    if arg.WhichOneof("node") != "a_const" or not arg.a_const.HasField("sval"):
        return None
    try:
        rel = postgast.parse(f"SELECT FROM {arg.a_const.sval.sval}").stmts[0].stmt.select_stmt.from_clause
    except (postgast.PgQueryError, IndexError):
        return None
    if len(rel) != 1 or rel[0].WhichOneof("node") != "range_var":
        return None
    var = rel[0].range_var
    return (var.schemaname or None), var.relname


@lru_cache(maxsize=4096)
def exclude_of_statement(statement: str) -> str:
    """The canonical EXCLUDE definition (see ``normalize_exclude``) of an ``ALTER TABLE ... ADD
    CONSTRAINT ... EXCLUDE ...`` statement, whatever its table and constraint names."""
    try:
        tree = postgast.parse(statement)
        stmt = tree.stmts[0].stmt.alter_table_stmt
        stmt.relation.schemaname = ""
        stmt.relation.relname = "t"
        constraint = getattr(stmt.cmds[0].alter_table_cmd, "def").constraint
        constraint.conname = "c"
        text = str(postgast.deparse(tree))
    except (postgast.PgQueryError, IndexError, AttributeError):
        return statement
    return normalize_exclude(text.removeprefix("ALTER TABLE t ADD CONSTRAINT c "))


def exclude_parts(definition: str) -> tuple[str, list[tuple[str, bool, str]], str | None] | None:
    """A canonical EXCLUDE definition taken apart for code generation: ``(method, [(element, is_column,
    operator)], where)``; None when the parser cannot read it."""
    try:
        tree = postgast.parse(f"ALTER TABLE t ADD CONSTRAINT c {definition}")
        constraint = getattr(tree.stmts[0].stmt.alter_table_stmt.cmds[0].alter_table_cmd, "def").constraint
    except (postgast.PgQueryError, IndexError, AttributeError):
        return None
    elements: list[tuple[str, bool, str]] = []
    for pair in constraint.exclusions:
        elem, op = pair.list.items[0].index_elem, pair.list.items[1].list.items
        operator = ".".join(o.string.sval for o in op)
        if elem.name:
            elements.append((elem.name, True, operator))
        else:
            elements.append((_deparse_expr(elem.expr), False, operator))
    where = _deparse_expr(constraint.where_clause) if constraint.HasField("where_clause") else None
    return constraint.access_method or "btree", elements, where


def _deparse_expr(node: object) -> str:
    tree = postgast.parse("SELECT 1")
    tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val.CopyFrom(node)
    return str(postgast.deparse(tree)).removeprefix("SELECT ")
