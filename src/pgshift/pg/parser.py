"""SQL text to statements, with positions, through the real Postgres parser (libpg_query).

Shared by the runner (which statements may not run in a transaction, which line failed) and the
linter (one finding per statement, at its line and column). Splitting on ``;`` by hand breaks on
``$$`` bodies and semicolons in strings; libpg_query does not. This module is the one statement
splitter and the typed boundary around the binding: other modules name node kinds through ``nodes``
(the binding's generated protobuf module: ``nodes.CreateStmt``, ``nodes.OBJECT_TABLE``,
``nodes.AT_AddColumn``), never by number and never by parsing sample SQL to find them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import postgast

#: libpg_query's node classes and enum constants (``nodes.IndexStmt``, ``nodes.CONSTR_PRIMARY``, ...).
nodes: Any = postgast.pg_query_pb2
ParseError = postgast.PgQueryError


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


def _statement(text: str, offset: int, line: int, column: int, kind: str, node: Any) -> Statement:
    """``Statement(...)`` without the frozen dataclass's ``__init__`` (one ``object.__setattr__`` per
    field): the linter makes one per statement of every migration, 50,000 in its benchmark."""
    statement = _new(Statement)
    fields = statement.__dict__  # item by item: it keeps the class's shared-key dict
    fields["text"] = text
    fields["offset"] = offset
    fields["line"] = line
    fields["column"] = column
    fields["kind"] = kind
    fields["node"] = node
    return statement


_new = object.__new__


@dataclass(eq=False)
class SqlSyntaxError(Exception):
    """The parser rejected the text; ``line``/``column`` point at the offending token.

    Not frozen: Python sets ``__traceback__`` on an exception as it passes through a ``with`` block
    (a ``@contextmanager``), which a frozen dataclass refuses, replacing the syntax error with a
    FrozenInstanceError.
    """

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


def parse_statements(
    text: str, *, base_offset: int = 0, full_text: str | None = None, plain: bool = False
) -> list[Statement]:
    """Parse ``text`` into statements; raise SqlSyntaxError with the position on a syntax error.

    ``base_offset``/``full_text`` let a caller parse one piece of a larger file (a breakpoint-separated
    chunk) while reporting positions in the whole file. ``plain``: nodes as plain data (see
    ``parse_migration``).
    """
    whole = full_text if full_text is not None else text
    # libpg_query reports byte offsets; work on bytes so non-ASCII text keeps positions right.
    encoded = text.encode("utf-8")
    try:
        raws = _raw_statements(text, plain)
    except postgast.PgQueryError as exc:
        byte_pos = max((exc.cursorpos or 1) - 1, 0)
        offset = base_offset + len(encoded[:byte_pos].decode("utf-8", errors="ignore"))
        line, column = line_col(whole, offset)
        raise SqlSyntaxError(str(exc.message or exc), offset, line, column) from None
    statements = []
    # Statements come in file order: byte -> character offsets and line numbers are carried forward
    # from one statement to the next (from the start each time was quadratic: 6,000 statements of
    # an initial generate's check_parses took seconds).
    byte_at, char_at = 0, base_offset
    line, line_start, counted = 1, 0, 0
    for start, length, kind, node in raws:
        end = start + length if length else len(encoded)
        chunk = encoded[start:end].decode("utf-8")
        lead = len(chunk) - len(chunk.lstrip())
        char_at += len(encoded[byte_at:start].decode("utf-8"))
        byte_at = start
        offset = char_at + lead
        newlines = whole.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = whole.rfind("\n", counted, offset) + 1
        counted = offset
        column = offset - line_start + 1
        statements.append(_statement(chunk.strip(), offset, line, column, kind, node))
    return statements


def _raw_statements(text: str, plain: bool, tree: bytes | None = None) -> list[tuple[int, int, str, Any]]:
    """``(byte offset, byte length or 0 for "to the end", kind, node)`` of each statement of ``text``, in
    order; raises ``postgast.PgQueryError`` on a syntax error. ``tree``: ``plain_json(text)`` already."""
    if plain:
        import orjson

        out = []
        parsed = plain_tree(text) if tree is None else orjson.loads(tree)
        for raw in parsed.get("stmts", ()):
            stmt = raw.get("stmt")
            name, node = next(iter(stmt.items())) if stmt else ("", None)
            out.append(
                (raw.get("stmt_location", 0), raw.get("stmt_len", 0), _PLAIN_KINDS.get(name, ""), node)
            )
        return out
    raws = []
    for raw in postgast.parse(text).stmts:
        stmt = raw.stmt
        kind = stmt.WhichOneof("node") or ""
        raws.append((raw.stmt_location, raw.stmt_len, kind, getattr(stmt, kind) if kind else None))
    return raws


def plain_tree(text: str) -> dict[str, Any]:
    """libpg_query's parse tree of ``text`` as plain dicts and lists (its JSON output): ``{"stmts": [{"stmt":
    {"CreateStmt": {...}}, "stmt_location": ..., "stmt_len": ...}]}``. A node is a one-key dict named by
    its class (``{"FuncCall": {...}}``); a field is keyed by its protobuf JSON name (``tableElts``,
    ``if_not_exists``), an enum by its name (``"OBJECT_TABLE"``); a field at its default (false, 0, empty,
    unset) is absent. Raises ``postgast.PgQueryError`` on a syntax error.

    Why: libpg_query packs its protobuf output through protobuf-c, which visits every one of the ~270
    fields of the ``Node`` wrapper around each node, twice: that packing costs several times the parse
    itself. Its JSON output, read by orjson, is about three times cheaper in all, and a dict lookup is
    cheaper than a protobuf attribute (the linter reads every statement of every migration).
    """
    import orjson

    tree: dict[str, Any] = orjson.loads(plain_json(text))
    return tree


def plain_json(text: str) -> bytes:
    """libpg_query's JSON parse tree of ``text`` (``plain_tree`` reads it into dicts): the parser's own
    work, apart from reading the JSON, so the two can be done in different processes (generate).
    Raises ``postgast.PgQueryError`` on a syntax error."""
    from postgast.errors import check_error
    from postgast.native import lib

    result = lib.pg_query_parse(text.encode("utf-8"))
    try:
        check_error(result)
        json: bytes = result.parse_tree  # (ctypes copies the C string out)
        return json
    finally:
        lib.pg_query_free_parse_result(result)


def kind_of(node_class: Any) -> str:
    """The kind name (``Statement.kind``) of a node class: ``kind_of(nodes.CreateStmt) == "create_stmt"``."""
    return str(_NODE_FIELDS[node_class.DESCRIPTOR.name])


# Node class name -> kind (the ``Node`` oneof field holding it): "CreateStmt" -> "create_stmt".
_NODE_FIELDS: dict[str, str] = {f.message_type.name: f.name for f in nodes.Node.DESCRIPTOR.fields}
# The plain tree names a node by its JSON name, which is its class name.
_PLAIN_KINDS: dict[str, str] = {f.json_name: f.name for f in nodes.Node.DESCRIPTOR.fields}


def parse_migration(
    text: str, breakpoints: bool = True, *, plain: bool = False, tree: bytes | None = None
) -> list[Statement]:
    """Statements of a migration file, positions in the whole file.

    Each ``--> statement-breakpoint`` chunk is what drizzle-orm sends on its own, so a syntax error
    must be located in the chunk the server would have rejected. One parser call for the whole file
    is several times cheaper than one per chunk and gives the same statements whenever none spans a
    marker (every chunk ends with its ``;``): that is tried first, and the chunk-by-chunk parse is
    the fallback (a statement across a marker, a syntax error, non-ASCII text whose byte offsets
    need decoding).

    ``plain``: each ``node`` is the statement's node in ``plain_tree``'s form (dicts; the linter's), not
    a protobuf message; ``kind`` is the same either way. ``tree`` (with ``plain``): ``plain_json(text)``,
    parsed already; it serves the one-call parse, and the fallbacks parse as ever.
    """
    from pgshift.format.drizzle import BREAKPOINT

    if not breakpoints or BREAKPOINT not in text:
        return parse_statements(text, plain=plain)
    if text.isascii():
        whole = _parse_whole(text, BREAKPOINT, plain, tree)
        if whole is not None:
            return whole
    statements: list[Statement] = []
    offset = 0
    for chunk in text.split(BREAKPOINT):
        statements.extend(parse_statements(chunk, base_offset=offset, full_text=text, plain=plain))
        offset += len(chunk) + len(BREAKPOINT)
    return statements


def _parse_whole(sql: str, marker: str, plain: bool, tree: bytes | None = None) -> list[Statement] | None:
    """The ASCII file parsed in one call, or None when the chunk-by-chunk parse must decide.

    Lines are counted incrementally (statements come in file order).
    """
    # The marker starts with "--": in one whole-file parse it comments out the rest of its line,
    # which drizzle-orm (splitting on it) would send as SQL. Checked first: such a file is parsed
    # chunk by chunk anyway.
    if _sql_after(marker).search(sql):
        return None
    try:
        raws = _raw_statements(sql, plain, tree)
    except postgast.PgQueryError:
        return None
    statements = []
    line, line_start, counted = 1, 0, 0
    for start, length, kind, node in raws:
        end = start + length if length else len(sql)
        chunk = sql[start:end]
        text = chunk.strip()
        offset = end - len(chunk.lstrip())
        if marker in text:  # a statement runs across a breakpoint
            return None
        newlines = sql.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = sql.rfind("\n", counted, offset) + 1
        counted = offset
        statements.append(_statement(text, offset, line, offset - line_start + 1, kind, node))
    return statements


def parse_migration_part(
    text: str, offset: int, line: int, *, plain: bool = False, tree: bytes | None = None
) -> list[Statement]:
    """``parse_migration`` of a part of a migration file: ``text`` starts ``offset`` characters into the
    file, at the start of its line ``line``, right after a breakpoint (or at the file's start). Its
    statements come with their positions in the whole file, as parsing the whole file gives them: the
    parser is given the file's breakpoint chunks apart wherever they would differ, so a part made of
    whole chunks parses as they do (generate parses its file while it is still being rendered). Node
    ``location``s count from the part's start, as they count from a chunk's when ``parse_migration``
    parses chunk by chunk: nothing reads them."""
    statements = parse_migration(text, plain=plain, tree=tree)
    if offset == 0 and line == 1:
        return statements
    return [
        _statement(s.text, s.offset + offset, s.line + line - 1, s.column, s.kind, s.node) for s in statements
    ]


def check_migration(text: str) -> None:
    """Raise ``SqlSyntaxError`` exactly where ``parse_migration(text)`` would, building no tree.

    For a file only checked, never read (generate's down file): libpg_query's split runs the parser
    and returns statement positions alone, a quarter of the cost of the JSON trees on a 1,000-table
    down file (1.9 against 7.7 ms). Whatever the whole-file parse cannot settle (a statement across a
    breakpoint, text after a marker, non-ASCII positions, an error to locate) goes to
    ``parse_migration`` itself."""
    from pgshift.format.drizzle import BREAKPOINT

    if text.isascii() and not _sql_after(BREAKPOINT).search(text):
        try:
            pieces = postgast.split(text)
        except postgast.PgQueryError:
            pieces = None
        if pieces is not None and not any(BREAKPOINT in piece for piece in pieces):
            return
    parse_migration(text, plain=True)


@lru_cache(maxsize=4)
def _sql_after(marker: str) -> re.Pattern[str]:
    """``marker`` followed by something other than whitespace on its line."""
    return re.compile(re.escape(marker) + r"[^\S\n]*\S")


def parse_expression(text: str, *, plain: bool = False) -> Any:
    """The expression node of ``text`` (a CHECK body, a default), or None when it does not parse;
    ``plain``: in ``plain_tree``'s form."""
    try:
        if plain:
            stmt = plain_tree(f"SELECT {text}")["stmts"][0]["stmt"]
            return stmt["SelectStmt"]["targetList"][0]["ResTarget"].get("val")
        tree = postgast.parse(f"SELECT {text}")
    except postgast.PgQueryError:
        return None
    return tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val


def find_plain(tree: Any, node_name: str) -> list[Any]:
    """Every node named ``node_name`` (``"FuncCall"``) under a ``plain_tree`` node, depth first, in
    pre-order with children in field order: ``find_nodes``' order on the protobuf tree."""
    found = []
    stack = [tree]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            inner = item.get(node_name)  # a node's wrapper: {"FuncCall": {...}}, its only key
            if type(inner) is dict:
                found.append(inner)
            stack.extend(reversed([v for v in item.values() if type(v) is dict or type(v) is list]))
        elif type(item) is list:
            stack.extend(reversed(item))
    return found


def find_nodes(tree: Any, node_class: Any) -> Iterator[Any]:
    """Every node of ``node_class`` (``nodes.FuncCall``, ...) under ``tree``, depth first, in pre-order (the
    order ``postgast.find_nodes`` gives, through ``collect_nodes``' one cheaper walk)."""
    return iter(collect_nodes(tree, (node_class,))[node_class])


def collect_nodes(tree: Any, node_classes: tuple[Any, ...]) -> dict[Any, list[Any]]:
    """Every node of each class in ``node_classes`` under ``tree``, by class, in one walk.

    ``postgast.find_nodes`` walks the whole tree once per class and pays for a generator per level;
    introspection reads hundreds of view definitions, and the linter walks every index and default,
    where that walk was most of the cost. Within a class, nodes come in depth-first pre-order (children
    in field order), as ``postgast.find_nodes`` gives them: the linter names the first volatile call.
    """
    found: dict[Any, list[Any]] = {cls: [] for cls in node_classes}
    wrapper = nodes.Node
    stack = [tree]
    while stack:
        node = stack.pop()
        if type(node) is wrapper:  # most nodes: the oneof around each child, opened without ListFields
            inner = node.WhichOneof("node")
            if inner is None:
                continue
            node = getattr(node, inner)
        bucket = found.get(type(node))
        if bucket is not None:
            bucket.append(node)
        children: list[Any] = []
        for field, value in node.ListFields():
            shape = _FIELD_SHAPES.get(field)
            if shape is None:
                shape = _FIELD_SHAPES[field] = _field_shape(field)
            if shape == _MESSAGE:
                children.append(value)
            elif shape == _MESSAGES:
                children.extend(value)
        stack.extend(reversed(children))  # popped first-child first: pre-order
    return found


def only_relation(tree: Any) -> tuple[Any, list[Any]] | None:
    """The one ``RangeVar`` under ``tree`` with every ``ColumnRef``, or None when it names no relation or
    several.

    View definitions are normalised by dropping qualifiers that name the only relation; most views name
    several. FROM clauses and the arms of set operations and joins are walked first and the walk stops
    at a second relation, so such a view costs a few nodes instead of its whole tree (bench/objects:
    500 views)."""
    relations: list[Any] = []
    refs: list[Any] = []
    wrapper = nodes.Node
    stack = [tree]
    while stack:
        node = stack.pop()
        if type(node) is wrapper:
            inner = node.WhichOneof("node")
            if inner is None:
                continue
            node = getattr(node, inner)
        kind = type(node)
        if kind is nodes.RangeVar:
            relations.append(node)
            if len(relations) > 1:
                return None
        elif kind is nodes.ColumnRef:
            refs.append(node)
        later: list[Any] = []
        for field, value in node.ListFields():
            shape = _FIELD_SHAPES.get(field)
            if shape is None:
                shape = _FIELD_SHAPES[field] = _field_shape(field)
            if shape == _SCALAR:
                continue
            into = later if field.name in _FROM_FIRST else stack
            if shape == _MESSAGE:
                into.append(value)
            else:
                into.extend(value)
        stack.extend(later)  # popped first
    return (relations[0], refs) if relations else None


_FROM_FIRST = frozenset({"from_clause", "larg", "rarg"})


_SCALAR, _MESSAGE, _MESSAGES = 0, 1, 2
_FIELD_SHAPES: dict[Any, int] = {}


def _field_shape(field: Any) -> int:
    if field.message_type is None:
        return _SCALAR
    return _MESSAGES if field.is_repeated else _MESSAGE


def parse_each(texts: list[str]) -> list[Any]:
    """Each text parsed on its own (a ``ParseResult`` of its statements, or None when it does not parse),
    in one parser call when the texts joined allow it.

    One call for hundreds of single statements (view definitions) saves the per-call overhead; the
    joined parse is used only when every text came back as exactly its own one statement, else each
    text is parsed alone (a syntax error, a text of several statements or none, a ``--`` comment).
    """
    joined = _parse_joined(texts) if len(texts) > 1 else None
    if joined is not None:
        return joined
    out = []
    for text in texts:
        try:
            out.append(postgast.parse(text))
        except postgast.PgQueryError:
            out.append(None)
    return out


def _parse_joined(texts: list[str]) -> list[Any] | None:
    separator = "\n;\n"
    joined = separator.join(texts)
    try:
        tree = postgast.parse(joined)
    except postgast.PgQueryError:
        return None
    if len(tree.stmts) != len(texts):
        return None
    data = joined.encode("utf-8")
    out = []
    for text, raw in zip(texts, tree.stmts, strict=True):
        end = raw.stmt_location + raw.stmt_len if raw.stmt_len else len(data)
        if data[raw.stmt_location : end].strip() != text.encode("utf-8").strip():
            return None
        single = nodes.ParseResult(version=tree.version, stmts=[raw])
        single.stmts[0].stmt_location = 0
        single.stmts[0].stmt_len = 0  # as the text parsed alone (no ``;``)
        out.append(single)
    return out


def deparse(tree: Any) -> str:
    """A ``ParseResult`` printed as SQL."""
    return str(postgast.deparse(tree))


def _select_of(expr: Any) -> Any:
    """``SELECT <expr>`` built from node classes, for the deparser (which prints whole statements)."""
    select = nodes.SelectStmt(
        target_list=[nodes.Node(res_target=nodes.ResTarget(val=expr))],
        limit_option=nodes.LIMIT_OPTION_DEFAULT,
        op=nodes.SETOP_NONE,
    )
    return nodes.ParseResult(stmts=[nodes.RawStmt(stmt=nodes.Node(select_stmt=select))])


def deparse_expression(expr: Any) -> str:
    """An expression node (a ``nodes.Node``) printed as SQL."""
    return str(postgast.deparse(_select_of(expr))).removeprefix("SELECT ")


def deparse_type(type_name: Any) -> str:
    """A ``TypeName`` node printed as SQL (``varchar(20)``, ``numeric(10,2)[]``), cached per type."""
    key = nodes.TypeName()
    key.CopyFrom(type_name)
    key.location = -1
    for mod in key.typmods:
        if mod.WhichOneof("node") == "a_const":
            mod.a_const.location = -1
    return _deparse_type(key.SerializeToString())


@lru_cache(maxsize=4096)
def _deparse_type(serialized: bytes) -> str:
    type_name = nodes.TypeName()
    type_name.ParseFromString(serialized)
    null = nodes.Node(a_const=nodes.A_Const(isnull=True))
    cast = nodes.Node(type_cast=nodes.TypeCast(arg=null, type_name=type_name))
    return deparse_expression(cast).removeprefix("NULL::").strip()


def deparse_plain_type(type_name: dict[str, Any]) -> str:
    """``deparse_type`` of a ``TypeName`` in ``plain_tree``'s form, cached per type: keyed without its
    position and its typmod constants' (as ``deparse_type`` does)."""
    import orjson

    key = {k: v for k, v in type_name.items() if k != "location"}
    mods = key.get("typmods")
    if mods:
        key["typmods"] = [_const_without_location(mod) for mod in mods]
    return _deparse_plain_type(orjson.dumps(key))


def _const_without_location(node: dict[str, Any]) -> dict[str, Any]:
    const = node.get("A_Const")
    if const is None:
        return node
    return {"A_Const": {k: v for k, v in const.items() if k != "location"}}


@lru_cache(maxsize=4096)
def _deparse_plain_type(key: bytes) -> str:
    import orjson
    from google.protobuf import json_format

    type_name = json_format.ParseDict(orjson.loads(key), nodes.TypeName())
    return _deparse_type(type_name.SerializeToString())


def line_comments(sql: str) -> list[tuple[int, str]]:
    """``(character offset, text)`` of every ``--`` comment, found by the scanner (never in a string)."""
    if "--" not in sql:
        return []
    data = sql.encode("utf-8")
    try:
        tokens = postgast.scan(sql).tokens
    except postgast.PgQueryError:
        return []
    out = []
    for token in tokens:
        if token.token == nodes.SQL_COMMENT:
            offset = len(data[: token.start].decode("utf-8", errors="ignore"))
            out.append((offset, data[token.start : token.end].decode("utf-8")))
    return out


# A parameter name is the grammar's param_name (type_function_name): an identifier, an unreserved or a
# type/function-name keyword; a column-name or reserved keyword must be quoted.
_NOT_A_PARAMETER_NAME = (nodes.COL_NAME_KEYWORD, nodes.RESERVED_KEYWORD)
_PARAMETER_MODES = (nodes.IN_P, nodes.OUT_P, nodes.INOUT, nodes.VARIADIC)
_OPENING, _CLOSING = (nodes.ASCII_40, nodes.ASCII_91), (nodes.ASCII_41, nodes.ASCII_93)


@lru_cache(maxsize=1024)
def _needs_quotes_as_parameter(name: str) -> bool:
    try:
        tokens = postgast.scan(name).tokens
    except postgast.PgQueryError:
        return False
    return (
        len(tokens) == 1
        and tokens[0].end - tokens[0].start == len(name.encode("utf-8"))
        and tokens[0].keyword_kind in _NOT_A_PARAMETER_NAME
    )


def parameter_names_quoted(parameters: str, names: list[str | None]) -> str:
    """``parameters``, a parameter list as the server prints it (``pg_get_function_arguments``: item k
    is the parameter named ``names[k]``, None when unnamed), with every name this parser reads as a
    column-name or reserved keyword quoted.

    Why: the server quotes a name only when it is a keyword of its own version, and this parser is of a
    newer one. PostgreSQL 15 prints ``f(json json)`` (``json`` became a keyword in 16), which the parser
    here, and PostgreSQL 16 and later, reject. A list that does not split into one item per name (an
    ordered-set aggregate's ``ORDER BY``) is returned as it is."""
    if not any(name and _needs_quotes_as_parameter(name) for name in names):
        return parameters
    data = parameters.encode("utf-8")
    try:
        tokens = postgast.scan(parameters).tokens
    except postgast.PgQueryError:
        return parameters
    items: list[list[Any]] = [[]]
    depth = 0
    for token in tokens:
        if token.token == nodes.ASCII_44 and depth == 0:
            items.append([])
            continue
        depth += (token.token in _OPENING) - (token.token in _CLOSING)
        items[-1].append(token)
    if len(items) != len(names):
        return parameters
    edits = []
    for item, name in zip(items, names, strict=True):
        named = list(itertools.dropwhile(lambda t: t.token in _PARAMETER_MODES, item))[:1]
        if name and _needs_quotes_as_parameter(name) and named:
            start, end = named[0].start, named[0].end
            if data[start:end] == name.encode("utf-8"):
                edits.append((start, end, name))
    for start, end, name in reversed(edits):
        data = data[:start] + f'"{name}"'.encode() + data[end:]
    return data.decode("utf-8")


def comment_on_created(create_sql: str, text: str | None) -> str:
    """``COMMENT ON`` the object a ``CREATE FUNCTION``/``PROCEDURE``/``AGGREGATE``/``TRIGGER``/``RULE``
    statement makes, printed by the deparser: the object is named as the statement names it, and a
    routine by its argument types only (``COMMENT ON FUNCTION`` takes no names, defaults or OUT
    arguments, which a signature may hold). ``text`` None (or ``''``) removes the comment."""
    parsed = parse_statements(create_sql)
    if len(parsed) != 1:
        raise ValueError(f"expected one CREATE statement, got {len(parsed)}")
    kind, node = parsed[0].kind, parsed[0].node
    if kind == "create_function_stmt":
        skipped = (nodes.FUNC_PARAM_OUT, nodes.FUNC_PARAM_TABLE)
        args = [
            p.function_parameter.arg_type for p in node.parameters if p.function_parameter.mode not in skipped
        ]
        objtype = nodes.OBJECT_PROCEDURE if node.is_procedure else nodes.OBJECT_FUNCTION
        target = _with_args(node.funcname, args)
    elif kind == "define_stmt" and node.kind == nodes.OBJECT_AGGREGATE:
        params = node.args[0].list.items if node.args and node.args[0].WhichOneof("node") == "list" else []
        args = [p.function_parameter.arg_type for p in params]
        objtype, target = nodes.OBJECT_AGGREGATE, _with_args(node.defnames, args)
    elif kind in ("create_trig_stmt", "rule_stmt"):
        name = node.trigname if kind == "create_trig_stmt" else node.rulename
        names = [n for n in (node.relation.schemaname, node.relation.relname, name) if n]
        objtype = nodes.OBJECT_TRIGGER if kind == "create_trig_stmt" else nodes.OBJECT_RULE
        target = nodes.Node(list=nodes.List(items=[nodes.Node(string=nodes.String(sval=n)) for n in names]))
    else:
        raise ValueError(f"cannot name the object of a {kind} statement for COMMENT ON")
    comment = nodes.CommentStmt(objtype=objtype, object=target, comment=text or "")
    tree = nodes.ParseResult(stmts=[nodes.RawStmt(stmt=nodes.Node(comment_stmt=comment))])
    return str(postgast.deparse(tree))


def _with_args(name: Any, arg_types: list[Any]) -> Any:
    objargs = [nodes.Node(type_name=t) for t in arg_types]
    return nodes.Node(object_with_args=nodes.ObjectWithArgs(objname=list(name), objargs=objargs))


@dataclass(frozen=True)
class IndexKey:
    """One key of an index as the parser reads it: a column (``column``) or an expression (``expression``,
    deparsed), with its sort direction, NULLS order, operator class and collation as written."""

    column: str | None
    expression: str | None
    descending: bool = False
    nulls_first: bool | None = None  # None: not written (the default for the direction)
    opclass: str | None = None
    collation: str | None = None


def index_keys(keys: str) -> list[IndexKey] | None:
    """The keys of ``keys`` read as an index's key list (``v DESC``, ``lower(v) text_pattern_ops``,
    ``v COLLATE "C"``), or None when it does not parse as one.

    Read as an expression, ``v DESC`` would be ``v AS "desc"``: index keys are parsed where the grammar
    expects them, inside ``CREATE INDEX ... (...)``.
    """
    try:
        tree = postgast.parse(f"CREATE INDEX ON t ({keys})")
    except postgast.PgQueryError:
        return None
    if len(tree.stmts) != 1 or tree.stmts[0].stmt.WhichOneof("node") != "index_stmt":
        return None
    return _keys_of(tree.stmts[0].stmt.index_stmt)


def index_definition_keys(definition: str) -> list[IndexKey]:
    """The keys of a whole ``CREATE INDEX`` statement (``pg_get_indexdef``'s spelling, the canonical one)."""
    tree = postgast.parse(definition)
    return _keys_of(tree.stmts[0].stmt.index_stmt)


def _names(items: Any) -> str | None:
    """A qualified name list (``opclass``, ``collation``) as text; ``pg_catalog`` is implied."""
    names = [item.string.sval for item in items if item.HasField("string")]
    if len(names) > 1 and names[0] == "pg_catalog":
        names = names[1:]
    return ".".join(names) or None


def _keys_of(stmt: Any) -> list[IndexKey]:
    out = []
    for param in stmt.index_params:
        elem = param.index_elem
        column: str | None = elem.name or None
        expression = None
        if column is None:
            ref = elem.expr.column_ref if elem.expr.WhichOneof("node") == "column_ref" else None
            fields = [f.string.sval for f in ref.fields if f.HasField("string")] if ref else []
            if ref is not None and len(fields) == 1 and len(ref.fields) == 1:
                column = fields[0]  # ``(v)`` is the column v, as Postgres stores it
            else:
                expression = deparse_expression(elem.expr)
        nulls = {nodes.SORTBY_NULLS_FIRST: True, nodes.SORTBY_NULLS_LAST: False}.get(elem.nulls_ordering)
        out.append(
            IndexKey(
                column=column,
                expression=expression,
                descending=elem.ordering == nodes.SORTBY_DESC,
                nulls_first=nulls,
                opclass=_names(elem.opclass),
                collation=_names(elem.collation),
            )
        )
    return out


def referenced_columns(expression: str) -> set[str]:
    """The column names an expression refers to (the last part of each column reference); empty when it
    does not parse."""
    tree = parse_expression(expression)
    if tree is None:
        return set()
    out = set()
    for ref in find_nodes(tree, nodes.ColumnRef):
        names = [f.string.sval for f in ref.fields if f.HasField("string")]
        if names:
            out.add(names[-1])
    return out


def storage_parameters(options: str) -> tuple[str, ...] | None:
    """``fillfactor = 70, toast.autovacuum_enabled = off`` as PostgreSQL stores a table's ``WITH (...)``
    in ``pg_class.reloptions``: ``name=value`` (``toast.`` for the TOAST table's), sorted; None when it
    does not parse as an option list.

    The server keeps each value as the text written (``0.10`` stays ``0.10``, ``off`` stays ``off``)
    with quotes removed, and a bare name as ``=true``; keys are identifiers, so case-folded.
    """
    try:
        tree = postgast.parse(f"CREATE TABLE _ () WITH ({options})")
    except postgast.PgQueryError:
        return None
    if len(tree.stmts) != 1 or tree.stmts[0].stmt.WhichOneof("node") != "create_stmt":
        return None
    out = []
    for option in tree.stmts[0].stmt.create_stmt.options:
        elem = option.def_elem
        name = f"{elem.defnamespace}.{elem.defname}" if elem.defnamespace else elem.defname
        out.append(f"{name}={_option_value(elem.arg) if elem.HasField('arg') else 'true'}")
    return tuple(sorted(out))


def storage_parameter_sql(value: str) -> str:
    """A stored value as a WITH / SET list writes it: a number or word as it is, anything else quoted
    (the inverse of ``storage_parameters``)."""
    if _OPTION_TOKEN.fullmatch(value):
        return value
    return "'" + value.replace("'", "''") + "'"


def storage_parameters_written(parameters: tuple[str, ...]) -> dict[str, str]:
    """``("fillfactor=70", "x=a b")`` as a WITH list writes them: ``{"fillfactor": "70", "x": "'a b'"}``."""
    return {name: storage_parameter_sql(value) for name, _, value in (p.partition("=") for p in parameters)}


def options_changes(head: str, old: tuple[str, ...], new: tuple[str, ...]) -> list[str]:
    """``<head> RESET (...)`` / ``<head> SET (...)`` turning the ``name=value`` options ``old`` into ``new``
    (a table's storage parameters, a column's n_distinct)."""
    kept = {p.partition("=")[0] for p in new}
    reset = [p.partition("=")[0] for p in old if p.partition("=")[0] not in kept]
    changed = storage_parameters_written(tuple(p for p in new if p not in old))
    out = [f"{head} RESET ({', '.join(reset)});"] if reset else []
    if changed:
        out.append(f"{head} SET ({', '.join(f'{k} = {v}' for k, v in changed.items())});")
    return out


_OPTION_TOKEN = re.compile(r"-?[0-9]+(\.[0-9]+)?|[a-z_][a-z0-9_]*")


def _option_value(arg: Any) -> str:
    """A ``DefElem`` argument as ``defGetString`` prints it (what ``reloptions`` stores)."""
    kind = arg.WhichOneof("node")
    if kind == "integer":
        return str(arg.integer.ival)
    if kind == "float":
        return str(arg.float.fval)
    if kind == "boolean":
        return "true" if arg.boolean.boolval else "false"
    if kind == "string":
        return str(arg.string.sval)
    if kind == "type_name":
        return ".".join(n.string.sval for n in arg.type_name.names)
    return deparse_expression(arg)


def index_column_name(expression: str) -> str:
    """The name PostgreSQL gives an index column on ``expression`` (FigureIndexColname, which index names
    are made of): a column's or a function's name, a cast's argument's (else its type's), else ``expr``."""
    name, _ = _figure_colname(parse_expression(expression))
    return name or "expr"


def _figure_colname(node: Any) -> tuple[str | None, int]:
    """FigureColnameInternal: a name and its strength (2 for a column or function name, 1 for a type's)."""
    which = node.WhichOneof("node") if node is not None else None
    if which == "column_ref":
        names = [f.string.sval for f in node.column_ref.fields if f.HasField("string")]
        return (names[-1], 2) if names else (None, 0)
    if which == "func_call":
        return node.func_call.funcname[-1].string.sval, 2
    if which == "type_cast":
        name, strength = _figure_colname(node.type_cast.arg)
        if strength <= 1 and node.type_cast.type_name.names:
            return node.type_cast.type_name.names[-1].string.sval, 1
        return name, strength
    if which == "coalesce_expr":
        return "coalesce", 2
    return None, 0


def statistics_columns_sorted(definition: str) -> str:
    """A CREATE STATISTICS with its plain columns in name order, before its expressions. PostgreSQL
    keeps the columns as a set (``stxkeys``), printed in column-position order, so a column dropped and
    added back (a down file) reorders them in ``pg_get_statisticsobjdef`` while the object is the same.
    Text that is not one CREATE STATISTICS comes back as it is."""
    try:
        statements = parse_statements(definition)
    except SqlSyntaxError:
        return definition
    if len(statements) != 1 or not isinstance(statements[0].node, nodes.CreateStatsStmt):
        return definition
    stmt = nodes.CreateStatsStmt()
    stmt.CopyFrom(statements[0].node)
    columns = sorted((e for e in stmt.exprs if e.stats_elem.name), key=lambda e: e.stats_elem.name)
    expressions = [e for e in stmt.exprs if not e.stats_elem.name]
    ordered = [nodes.Node(stats_elem=e.stats_elem) for e in (*columns, *expressions)]
    del stmt.exprs[:]
    stmt.exprs.extend(ordered)
    return deparse(nodes.ParseResult(stmts=[nodes.RawStmt(stmt=nodes.Node(create_stats_stmt=stmt))]))
