"""Canonical spelling of column types and SQL expressions, shared by every model source.

A type written as ``VARCHAR(255)`` by SQLAlchemy, ``character varying(255)`` by ``format_type`` and
``varchar(255)`` by Drizzle is one type; so is a default written ``now()`` or ``now( )``. Each source
passes its text through these functions, so the differ never sees spelling differences.

Both functions use the real Postgres parser (libpg_query via postgast) rather than pattern matching:
a type is parsed as the target of a cast, an expression as a SELECT target, and the parse tree is
turned back into text. Results are cached; schemas repeat a few dozen type spellings thousands of times.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import postgast

from pgshift.pg.parser import deparse, nodes, only_relation, parse_each

# Postgres internal type name -> Drizzle's spelling.
_BUILTIN = {
    "int2": "smallint",
    "int4": "integer",
    "int8": "bigint",
    "float4": "real",
    "float8": "double precision",
    "bool": "boolean",
    "varchar": "varchar",
    "bpchar": "char",
    "numeric": "numeric",
    "text": "text",
    "date": "date",
    "time": "time",
    "timetz": "time with time zone",
    "timestamp": "timestamp",
    "timestamptz": "timestamp with time zone",
    "interval": "interval",
    "uuid": "uuid",
    "json": "json",
    "jsonb": "jsonb",
    "bytea": "bytea",
    "inet": "inet",
    "cidr": "cidr",
    "macaddr": "macaddr",
    "macaddr8": "macaddr8",
    "money": "money",
    "xml": "xml",
    "bit": "bit",
    "varbit": "bit varying",
    "tsvector": "tsvector",
    "tsquery": "tsquery",
    "oid": "oid",
    "point": "point",
    "line": "line",
    "lseg": "lseg",
    "box": "box",
    "path": "path",
    "polygon": "polygon",
    "circle": "circle",
    "int4range": "int4range",
    "int8range": "int8range",
    "numrange": "numrange",
    "tsrange": "tsrange",
    "tstzrange": "tstzrange",
    "daterange": "daterange",
    "citext": "citext",
}
# Spellings the parser leaves unqualified (not in pg_catalog): aliases of built-ins -> internal name.
_ALIASES = {
    "int": "int4",
    "decimal": "numeric",
    "timestamptz": "timestamptz",
    "timetz": "timetz",
    **{internal: internal for internal in _BUILTIN},
}
_SERIALS = {
    "serial": "serial",
    "serial4": "serial",
    "smallserial": "smallserial",
    "serial2": "smallserial",
    "bigserial": "bigserial",
    "serial8": "bigserial",
}
_TIME_TYPES = {"time", "timetz", "timestamp", "timestamptz"}

# Interval field masks (src/include/utils/datetime.h): bit positions of YEAR, MONTH, DAY, HOUR, MINUTE, SECOND.
_INTERVAL_FIELDS = {
    1 << 2: "year",
    1 << 1: "month",
    1 << 3: "day",
    1 << 10: "hour",
    1 << 11: "minute",
    1 << 12: "second",
    (1 << 2) | (1 << 1): "year to month",
    (1 << 3) | (1 << 10): "day to hour",
    (1 << 3) | (1 << 10) | (1 << 11): "day to minute",
    (1 << 3) | (1 << 10) | (1 << 11) | (1 << 12): "day to second",
    (1 << 10) | (1 << 11): "hour to minute",
    (1 << 10) | (1 << 11) | (1 << 12): "hour to second",
    (1 << 11) | (1 << 12): "minute to second",
}
_INTERVAL_FULL_RANGE = 0x7FFF


class TypeSyntaxError(ValueError):
    """A type spelling the Postgres parser rejects."""


# The serial pseudo-types and the integer type each stands for (``serial`` is ``integer`` plus an owned
# sequence and a ``nextval`` default).
SERIAL_BASES = {"smallserial": "smallint", "serial": "integer", "bigserial": "bigint"}
_SERIAL_OF = {integer: serial for serial, integer in SERIAL_BASES.items()}


@dataclass(frozen=True)
class SqlType:
    """A column's type as the model holds it: parsed once by its source, never re-parsed by a consumer.

    ``base`` is the canonical spelling without the array suffix, modifiers included, in Drizzle's
    spelling (``integer``, ``varchar(255)``, ``timestamp (3) with time zone``, ``numeric(10, 2)``,
    ``role``); ``array_dims`` counts the ``[]``. ``schema`` is the schema of a user-defined type (an
    enum always carries one, ``public`` included); it is None for built-ins and for types left to the
    search_path (an extension's ``vector(1536)``). Equality is that of the canonical text plus the
    schema, exactly what comparing the old ``(type, type_schema)`` strings gave.
    """

    base: str
    array_dims: int = 0
    schema: str | None = None

    @classmethod
    def of(cls, spelling: str, schema: str | None = None) -> SqlType:
        """From a spelling that is already canonical (the model's, a snapshot's enum type): only the
        ``[]`` suffix is split off, nothing is re-parsed."""
        stem = spelling.rstrip("[]")
        return cls(stem, (len(spelling) - len(stem)) // 2, schema)

    @classmethod
    def parse(cls, text: str, schema: str | None = None) -> SqlType:
        """From any spelling Postgres accepts (``INT``, ``character varying(255)[]``), normalised."""
        parsed = parse_type(text)
        return cls(parsed.base, parsed.array_dims, schema)

    @property
    def spelling(self) -> str:
        """The canonical text, array suffix included, schema excluded (what Drizzle's snapshot holds)."""
        return self.base + "[]" * self.array_dims

    @property
    def name(self) -> str:
        """The type's name without modifiers: ``varchar``, ``timestamp with time zone``, ``interval day``."""
        head, _, rest = self.base.partition("(")
        return " ".join((head + rest.partition(")")[2]).split())

    @property
    def modifiers(self) -> str:
        """The text inside the type's parentheses (``255``, ``10, 2``, a precision), or ``""``."""
        return self.base.partition("(")[2].partition(")")[0]

    @property
    def builtin(self) -> bool:
        """A built-in type (not an enum, domain or extension type): rendered bare, never qualified."""
        return self.schema is None and is_builtin(self.base)

    @property
    def is_serial(self) -> bool:
        return self.array_dims == 0 and self.base in SERIAL_BASES

    @property
    def element(self) -> SqlType:
        """The type of one element (the type itself when it is not an array)."""
        return SqlType(self.base, 0, self.schema)

    def without_serial(self) -> SqlType:
        """``serial`` -> ``integer`` (and the small/big variants); any other type unchanged."""
        return SqlType(SERIAL_BASES[self.base]) if self.is_serial else self

    def as_serial(self) -> SqlType | None:
        """``integer`` -> ``serial`` (and the small/big variants); None for a type no serial stands for."""
        if self.array_dims or self.schema is not None or self.base not in _SERIAL_OF:
            return None
        return SqlType(_SERIAL_OF[self.base])

    @property
    def sql(self) -> str:
        """The type as DDL text.

        Built-ins are written as spelled. A user-defined type with a known schema (enums always have
        one) is quoted and qualified; one without (an extension type such as ``vector(1536)``, a domain)
        is left unqualified so the search_path finds it wherever it was made, and quoted only when its
        name needs it (a domain named ``"Flag"``: bare, Postgres would look for ``flag``).
        """
        if self.base == "char":  # the one-byte internal type: quoted, or it reads as char(1) (bpchar)
            return '"char"' + "[]" * self.array_dims
        if is_builtin(self.base):
            return self.spelling
        name, paren, mods = self.base.partition("(")
        if self.schema is None:
            return f"{unqualified_type_name(name)}{paren}{mods}" + "[]" * self.array_dims
        return f"{qualified_name(self.schema, name)}{paren}{mods}" + "[]" * self.array_dims

    def __str__(self) -> str:
        return self.spelling


def _int_mod(node: object) -> int | None:
    if not node.HasField("a_const"):  # type: ignore[attr-defined]
        return None
    const = node.a_const  # type: ignore[attr-defined]
    if const.HasField("ival"):
        return int(const.ival.ival)
    if const.WhichOneof("val") is None and not const.isnull:
        return 0  # an integer 0 is encoded as an unset ival
    return None


def _mods_text(mods: list[object]) -> str:
    out = []
    for mod in mods:
        value = _int_mod(mod)
        if value is None:
            out.append(postgast.deparse(_select_of(mod)).removeprefix("SELECT "))
        else:
            out.append(str(value))
    return ", ".join(out)


def _select_of(node: object) -> object:
    """Wrap an expression node in ``SELECT <node>`` so postgast can deparse it."""
    tree = postgast.parse("SELECT 1")
    target = tree.stmts[0].stmt.select_stmt.target_list[0].res_target
    target.val.CopyFrom(node)
    return tree


@lru_cache(maxsize=4096)
def parse_type(text: str) -> SqlType:
    """Parse any spelling of a Postgres type into its canonical parts.

    ``schema`` is set only for a schema-qualified user-defined type (``"auth"."role"``); a source that
    knows the type's schema otherwise (an enum's, from the catalog) replaces it.

    >>> parse_type("TIMESTAMP(3) WITH TIME ZONE").spelling
    'timestamp (3) with time zone'
    >>> parse_type("character varying(255)[]").spelling
    'varchar(255)[]'
    """
    spelled = " ".join(text.split())
    if spelled.lower() in _SERIALS:
        return SqlType(_SERIALS[spelled.lower()])
    try:
        tree = postgast.parse(f"SELECT NULL::{spelled}")
    except postgast.PgQueryError as exc:
        raise TypeSyntaxError(f"not a valid Postgres type: {text!r}") from exc
    targets = tree.stmts[0].stmt.select_stmt.target_list if len(tree.stmts) == 1 else []
    if len(targets) != 1 or targets[0].res_target.val.WhichOneof("node") != "type_cast":
        raise TypeSyntaxError(f"not a valid Postgres type: {text!r}")
    cast = targets[0].res_target.val.type_cast
    type_name = cast.type_name
    names = [n.string.sval for n in type_name.names]
    dims = len(type_name.array_bounds)
    mods = list(type_name.typmods)
    if len(names) == 2 and names[0] == "pg_catalog" and names[1] in _BUILTIN:
        return SqlType(_builtin_spelling(names[1], mods), dims)
    if len(names) == 1 and names[0].lower() in _ALIASES and not _is_quoted(spelled, names[0]):
        return SqlType(_builtin_spelling(_ALIASES[names[0].lower()], mods), dims)
    schema = names[0] if len(names) == 2 else None
    name = names[-1]
    base = name + (f"({_mods_text(mods)})" if mods else "")
    return SqlType(base, dims, None if schema in (None, "public", "pg_catalog") else schema)


def _is_quoted(spelled: str, name: str) -> bool:
    return f'"{name}"' in spelled


def _builtin_spelling(internal: str, mods: list[object]) -> str:
    base = _BUILTIN[internal]
    values = [_int_mod(m) for m in mods]
    if internal in _TIME_TYPES:
        plain = "timestamp" if internal.startswith("timestamp") else "time"
        precision = f" ({values[0]})" if values else ""
        tz = " with time zone" if internal.endswith("tz") else ""
        return f"{plain}{precision}{tz}"
    if internal == "interval":
        fields = ""
        precision = ""
        if values:
            mask = values[0]
            if mask is not None and mask != _INTERVAL_FULL_RANGE:
                fields = " " + _INTERVAL_FIELDS.get(mask, "")
            if len(values) > 1 and values[1] is not None and values[1] >= 0:
                precision = f" ({values[1]})"
        return f"interval{fields.rstrip()}{precision}"
    if internal == "bpchar":
        length = values[0] if values else 1
        return f"char({length})"
    if internal in ("numeric", "varchar", "bit", "varbit") and values:
        return f"{base}({', '.join(str(v) for v in values)})"
    return base


def normalize_type(text: str) -> str:
    """Canonical spelling of a type (see ``parse_type``), array suffix included, schema excluded."""
    return parse_type(text).spelling


@lru_cache(maxsize=16384)
def normalize_expression(text: str) -> str:
    """Canonical text of a SQL expression: parsed by Postgres's grammar and printed back.

    Whitespace, keyword case and redundant parentheses disappear; semantics do not change. Text the
    parser rejects is returned stripped, so a raw pass-through never crashes a conversion.
    """
    stripped = text.strip()
    try:
        tree = postgast.parse(f"SELECT {stripped}")
        _strip_implicit_casts(tree)
        return str(postgast.deparse(tree)).removeprefix("SELECT ")
    except postgast.PgQueryError:
        return stripped


@lru_cache(maxsize=16384)
def normalize_stored_expression(text: str) -> str:
    """``normalize_expression`` for text Postgres printed from its catalog (pg_get_expr, ...).

    In stored text every implicit coercion is spelled out, so ``balance * (100)::numeric`` with a bare
    column means the column is numeric already and the cast is Postgres's own: it goes, as in the
    ``balance * 100`` the author wrote. (Written by a person, ``int_col * 100::numeric`` keeps its cast:
    there the cast makes the result numeric.)"""
    canonical = normalize_expression(text)
    try:
        tree = postgast.parse(f"SELECT {canonical}")
    except postgast.PgQueryError:
        return canonical
    from postgast.pg_query_pb2 import A_Expr

    changed = False
    for expr in postgast.find_nodes(tree, A_Expr):
        names = [n.string.sval for n in expr.name]
        if expr.kind != _AEXPR_OP or not names or names[-1] not in _ARITHMETIC:
            continue
        if not (expr.HasField("lexpr") and expr.HasField("rexpr")):
            continue
        for side, other in ((expr.lexpr, expr.rexpr), (expr.rexpr, expr.lexpr)):
            if (
                _cast_target(side) == "numeric"
                and _is_int_const(side.type_cast.arg)
                and other.WhichOneof("node") == "column_ref"
            ):
                arg = type(side)()
                arg.CopyFrom(side.type_cast.arg)
                side.CopyFrom(arg)
                changed = True
    return str(postgast.deparse(tree)).removeprefix("SELECT ") if changed else canonical


# Casts Postgres adds by itself when it stores an expression, and rewrites it makes when it parses one;
# schema code does not spell them, so every side is brought to one spelling. Each rewrite must keep the
# meaning (value and type) of the expression — tests/test_expression_property.py checks that on the
# server:
# - a cast to text/varchar on a column goes only where the column is varchar or text
#   (``email::text <> ''::text`` for a varchar column; ``strip_column_text_casts``, which knows the table:
#   on an integer, ``name`` or citext column the cast is the author's and changes the meaning), and
#   ``::text`` on a string literal (what an untyped literal resolves to); ``::varchar`` on a literal goes
#   only inside an array compared with ANY; so do ``'seq'::regclass`` in nextval and an enum cast on
#   a string literal;
# - ``::numeric`` on an integer literal goes only where it cannot matter: as an operand of a comparison
#   (``p > 0::numeric`` is ``p > 0``); in arithmetic it stays (``1::numeric / 4`` is 0.25, ``1 / 4`` is 0),
#   and an integer literal next to a numeric operand gets the cast Postgres gives it
#   (``1::numeric / 4`` is stored as ``1::numeric / 4::numeric``);
# - ``x BETWEEN a AND b`` is ``x >= a AND x <= b`` (what Postgres stores);
# - ``x = ANY (ARRAY[constants])`` is ``x IN (constants)`` (and ``<> ALL`` is ``NOT IN``), with the array's
#   ``::text[]``/``::varchar[]`` cast dropped: stored IN lists come back in the ANY form.
_IMPLICIT_TEXT = {"text", "varchar", "bpchar"}
_COMPARISONS = {"=", "<>", "!=", "<", ">", "<=", ">="}
_ARITHMETIC = {"+", "-", "*", "/", "%"}
_AEXPR_OP, _AEXPR_OP_ANY, _AEXPR_OP_ALL, _AEXPR_IN, _AEXPR_BETWEEN, _AEXPR_NOT_BETWEEN = 1, 2, 3, 7, 11, 12


def _strip_implicit_casts(message: object) -> None:
    """Normalise, in place and bottom-up, every expression Node of a parse tree (see the rules above)."""
    _each_node(message, _rewrite_node)


def _each_node(message: Any, visit: Callable[[Any], object]) -> None:
    """Call ``visit`` on every expression Node below ``message``, children before their parent, so a
    rewrite in place (``CopyFrom``) sees its operands already rewritten."""
    from google.protobuf.message import Message

    for field, _ in message.ListFields():
        if field.type != field.TYPE_MESSAGE:
            continue
        value = getattr(message, field.name)  # the live sub-message, not a snapshot of it
        for item in [value] if isinstance(value, Message) else list(value):
            if not isinstance(item, Message):
                continue
            _each_node(item, visit)
            if item.DESCRIPTOR.name == "Node":
                visit(item)


def _rewrite_node(node: Any) -> None:
    while True:
        if _droppable_cast(node):
            arg = type(node)()
            # copy out first: CopyFrom clears the target (a Node message: protobuf stubs lack its fields)
            arg.CopyFrom(node.type_cast.arg)
            node.CopyFrom(arg)
            continue
        if node.WhichOneof("node") == "a_expr" and _rewrite_a_expr(node):
            continue
        return


def _expr_text(node: Any) -> str:
    return str(postgast.deparse(_select_of(node))).removeprefix("SELECT ")


def _replace_with(node: Any, text: str) -> None:
    """Replace ``node`` by the parse of ``text``, itself normalised."""
    tree = postgast.parse(f"SELECT {text}")
    _strip_implicit_casts(tree)
    node.CopyFrom(tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val)


def _is_int_const(node: Any) -> bool:
    if node.WhichOneof("node") != "a_const" or node.a_const.isnull:
        return False
    return bool(node.a_const.HasField("ival") or node.a_const.WhichOneof("val") is None)


def _is_string_const(node: Any) -> bool:
    return bool(node.WhichOneof("node") == "a_const" and node.a_const.HasField("sval"))


def _cast_target(node: Any) -> str | None:
    if node.WhichOneof("node") != "type_cast":
        return None
    tn = node.type_cast.type_name
    if tn.typmods or tn.array_bounds:
        return None
    return str(tn.names[-1].string.sval) if tn.names else None


def _is_numeric_operand(node: Any) -> bool:
    if _cast_target(node) == "numeric":
        return True
    return bool(node.WhichOneof("node") == "a_const" and node.a_const.HasField("fval"))


def _is_constant(node: Any) -> bool:
    kind = node.WhichOneof("node")
    return bool(
        kind == "a_const" or (kind == "type_cast" and node.type_cast.arg.WhichOneof("node") == "a_const")
    )


def _rewrite_a_expr(node: Any) -> bool:
    """One meaning-preserving rewrite of an operator expression; True when the node changed."""
    expr = node.a_expr
    names = [n.string.sval for n in expr.name]
    op = names[-1] if names else ""
    has_l, has_r = expr.HasField("lexpr"), expr.HasField("rexpr")
    if expr.kind == _AEXPR_OP and op in _COMPARISONS and has_l and has_r:
        for side, other in ((expr.lexpr, expr.rexpr), (expr.rexpr, expr.lexpr)):
            if (
                _cast_target(side) == "numeric"
                and _is_int_const(side.type_cast.arg)
                and not _is_string_const(other)
            ):
                arg = type(side)()
                arg.CopyFrom(side.type_cast.arg)
                side.CopyFrom(arg)
                return True
        return False
    if expr.kind == _AEXPR_OP and op in _ARITHMETIC and has_l and has_r:
        for side, other in ((expr.lexpr, expr.rexpr), (expr.rexpr, expr.lexpr)):
            if _is_int_const(side) and _is_numeric_operand(other):
                _replace_with(side, f"({_expr_text(side)})::numeric")
                return True
        return False
    if expr.kind in (_AEXPR_BETWEEN, _AEXPR_NOT_BETWEEN) and has_l and has_r:
        bounds = [item for item in expr.rexpr.list.items]
        if len(bounds) != 2:
            return False
        x, low, high = (f"({_expr_text(n)})" for n in (expr.lexpr, *bounds))
        if expr.kind == _AEXPR_BETWEEN:
            _replace_with(node, f"({x} >= {low} AND {x} <= {high})")
        else:
            _replace_with(node, f"({x} < {low} OR {x} > {high})")
        return True
    if (
        expr.kind in (_AEXPR_OP_ANY, _AEXPR_OP_ALL)
        and has_r
        and (op, expr.kind)
        in (
            ("=", _AEXPR_OP_ANY),
            ("<>", _AEXPR_OP_ALL),
        )
    ):
        array = expr.rexpr
        inner_array = array.type_cast.arg if array.WhichOneof("node") == "type_cast" else array
        if inner_array.WhichOneof("node") == "a_array_expr":
            for element in inner_array.a_array_expr.elements:
                # array elements take the array's type: 'new'::character varying there is 'new'
                if _cast_target(element) in _IMPLICIT_TEXT and _is_string_const(element.type_cast.arg):
                    arg = type(element)()
                    arg.CopyFrom(element.type_cast.arg)
                    element.CopyFrom(arg)
        if (
            _cast_target_array(array) in ("text", "varchar")
            and array.type_cast.arg.WhichOneof("node") == "a_array_expr"
        ):
            elements = array.type_cast.arg.a_array_expr.elements
            if elements and all(_is_string_const(e) for e in elements):
                inner = type(array)()
                inner.CopyFrom(array.type_cast.arg)
                array.CopyFrom(inner)
                return True
        if array.WhichOneof("node") == "a_array_expr":
            elements = array.a_array_expr.elements
            if elements and all(_is_constant(e) for e in elements):
                values = ", ".join(_expr_text(e) for e in elements)
                negation = "NOT " if op == "<>" else ""
                _replace_with(node, f"({_expr_text(expr.lexpr)}) {negation}IN ({values})")
                return True
    return False


def _cast_target_array(node: Any) -> str | None:
    """The element type of a one-dimensional array cast (``::text[]``), else None."""
    if node.WhichOneof("node") != "type_cast":
        return None
    tn = node.type_cast.type_name
    if tn.typmods or len(tn.array_bounds) != 1 or not tn.names:
        return None
    return str(tn.names[-1].string.sval)


TEXT_LIKE = frozenset(
    {"text", "varchar"}
)  # column types whose ``::text`` / ``::varchar`` Postgres adds itself


def strip_column_text_casts(expression: str, text_columns: frozenset[str]) -> str:
    """``expression`` without ``col::text`` / ``col::varchar`` where ``col`` is one of ``text_columns`` (the
    table's varchar and text columns): Postgres stores ``(email)::text = 'x'::text`` for the
    ``email = 'x'`` schema code writes on a varchar column, a coercion it would add again. On any other
    column such a cast is the author's (``id::text LIKE '1%'``; a citext column compared case-sensitively)
    and stays."""
    if "::" not in expression or not text_columns:
        return expression
    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return expression
    changed = _strip_text_casts(tree, text_columns)
    return str(postgast.deparse(tree)).removeprefix("SELECT ") if changed else expression


def _strip_text_casts(message: Any, text_columns: frozenset[str]) -> bool:
    """In place (``_each_node``): whether anything was dropped."""
    dropped: list[bool] = []

    def visit(node: Any) -> None:
        if _column_text_cast(node, text_columns):
            arg = type(node)()
            arg.CopyFrom(node.type_cast.arg)
            node.CopyFrom(arg)
            dropped.append(True)

    _each_node(message, visit)
    return bool(dropped)


def _column_text_cast(node: Any, text_columns: frozenset[str]) -> bool:
    if node.WhichOneof("node") != "type_cast":
        return False
    cast = node.type_cast
    names = [n.string.sval for n in cast.type_name.names]
    if cast.type_name.array_bounds or cast.type_name.typmods or not names or names[-1] not in TEXT_LIKE:
        return False
    if cast.arg.WhichOneof("node") != "column_ref":
        return False
    fields = cast.arg.column_ref.fields
    return len(fields) == 1 and fields[0].HasField("string") and fields[0].string.sval in text_columns


def _droppable_cast(node: object) -> bool:
    if node.WhichOneof("node") != "type_cast":  # type: ignore[attr-defined]
        return False
    cast = node.type_cast  # type: ignore[attr-defined]
    names = [n.string.sval for n in cast.type_name.names]
    if cast.type_name.array_bounds or cast.type_name.typmods or not names:
        return False
    target = names[-1]
    arg_kind = cast.arg.WhichOneof("node")
    literal = arg_kind == "a_const"
    is_string = literal and cast.arg.a_const.HasField("sval")
    is_decimal = literal and cast.arg.a_const.HasField("fval")
    return (
        # 'x'::text is what an untyped literal resolves to; 'x'::varchar only in an array (below). A cast
        # on a column stays here: whether it is Postgres's own depends on the column's type
        # (``strip_column_text_casts``, which knows the table)
        (target == "text" and is_string)
        or (target == "numeric" and is_decimal)  # 0.5::numeric: a decimal literal is numeric already
        or (target == "regclass" and is_string)  # nextval('seq'::regclass) as stored for nextval('seq')
        # an enum (or other user type) literal compared with a column: status = 'active'::account_status
        or (is_string and len(names) == 1 and target not in _BUILTIN and target not in _ALIASES)
    )


def quote_ident(name: str) -> str:
    """Always-quoted identifier, as Drizzle writes them: ``"users"``, ``"we""ird"``."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """A SQL string literal: ``'it''s'``."""
    return "'" + value.replace("'", "''") + "'"


_PLAIN_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_$]*")


def unqualified_type_name(name: str) -> str:
    """A user-defined type's name as DDL text without its schema: bare when Postgres reads it back as
    the same name (``vector``), quoted when folding to lower case would change it (``"Flag"``)."""
    return name if _PLAIN_IDENTIFIER.fullmatch(name) else quote_ident(name)


def collation_sql(schema: str | None, name: str) -> str:
    """A column's collation as ``COLLATE`` names it: quoted (``"C"``, ``"und-x-icu"``), qualified when
    it lives outside ``pg_catalog`` and ``public`` (the catalog's and the code's spelling agree on it)."""
    if schema in (None, "pg_catalog", "public"):
        return quote_ident(name)
    return f"{quote_ident(schema)}.{quote_ident(name)}"


def split_collation(text: str) -> tuple[str, str | None]:
    """``TEXT COLLATE "C"`` (SQLAlchemy's ``Text(collation="C")``) -> (``TEXT``, ``"C"``); a type text
    without COLLATE comes back as it is, with None."""
    if "collate" not in text.lower():
        return text, None
    prefix = "SELECT NULL::"
    try:
        tree = postgast.parse(prefix + text)
    except postgast.PgQueryError:
        return text, None  # parse_type names the bad spelling
    targets = tree.stmts[0].stmt.select_stmt.target_list if len(tree.stmts) == 1 else []
    if len(targets) != 1 or targets[0].res_target.val.WhichOneof("node") != "collate_clause":
        return text, None
    clause = targets[0].res_target.val.collate_clause
    names = [n.string.sval for n in clause.collname]
    type_text = (prefix + text)[len(prefix) : clause.location].strip()
    return type_text, collation_sql(names[0] if len(names) == 2 else None, names[-1])


def qualified_name(schema: str | None, name: str) -> str:
    """``"schema"."name"``, always qualified (``public`` included), as Drizzle 0.31 writes DDL."""
    return f"{quote_ident(schema or 'public')}.{quote_ident(name)}"


_BUILTIN_BASES = frozenset(
    {spelling.split(" (")[0] for spelling in _BUILTIN.values()}
    | {"serial", "smallserial", "bigserial", "time", "timestamp", "citext"}
)


@lru_cache(maxsize=4096)
def is_builtin(type_: str) -> bool:
    """Whether a canonical type spelling names a built-in type (not an enum/domain/extension type)."""
    base = type_.rstrip("[]").split("(")[0].strip()
    return base in _BUILTIN_BASES or base.startswith(("time ", "timestamp ", "interval "))


_NUMERIC_BASES = (
    "smallint",
    "integer",
    "bigint",
    "real",
    "double precision",
    "numeric",
    "serial",
    "bigserial",
)


# Top-level nodes a column definition's DEFAULT takes bare (the grammar's b_expr): anything else, such
# as ``now() AT TIME ZONE 'utc'``, ``a IS NULL`` or ``x = ANY (...)``, needs parentheses there.
_B_EXPR_NODES = frozenset(
    {"a_const", "column_ref", "type_cast", "sqlvalue_function", "a_array_expr", "case_expr",
     "coalesce_expr", "min_max_expr", "row_expr", "param_ref", "a_indirection"}
)  # fmt: skip


@lru_cache(maxsize=4096)
def default_clause_sql(expression: str) -> str:
    """A default as ``CREATE TABLE`` / ``ADD COLUMN`` write it after DEFAULT: parenthesised exactly when
    the grammar needs it there (``SET DEFAULT`` takes any expression and writes it as it is)."""
    try:
        tree = postgast.parse(f"SELECT {expression}")
        node = tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val
    except (postgast.PgQueryError, IndexError):
        return expression  # check_parses reports it
    kind = node.WhichOneof("node")
    if kind in _B_EXPR_NODES:
        return expression
    if kind == "func_call" and node.func_call.funcformat != nodes.COERCE_SQL_SYNTAX:
        return expression  # (SQL syntax such as AT TIME ZONE is an operator, not a call)
    if kind == "a_expr" and node.a_expr.kind in (
        nodes.AEXPR_OP,
        nodes.AEXPR_DISTINCT,
        nodes.AEXPR_NOT_DISTINCT,
    ):
        return expression
    return f"({expression})"


@lru_cache(maxsize=16384)
def canonical_default(expression: str, type_: SqlType) -> str:
    """The one spelling of a column default that every source (code, snapshot, catalog) must produce.

    On top of ``normalize_expression``:
    - a string literal cast to the column's own type loses the cast (``'user'::text`` on a text column,
      ``'x'::role`` on a role column): Postgres adds that cast when it stores the default;
    - on numeric columns a quoted number loses its quotes (``'0'`` -> ``0``; Drizzle writes numeric defaults
      as strings, SQLAlchemy's ``server_default="0"`` quotes, the catalog prints ``0`` or ``'0'::numeric``);
      a negative number keeps its sign (``(-1)`` -> ``-1``);
    - on boolean columns ``'t'``, ``'true'``, ``TRUE`` are ``true`` (and likewise false).
    Other expressions (``now()``, ``'{}'::jsonb`` on a jsonb column becomes ``'{}'``) follow the same rules.
    """
    text = normalize_expression(expression)
    try:
        tree = postgast.parse(f"SELECT {text}")
        node = tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val
    except (postgast.PgQueryError, IndexError):
        return text
    literal: str | None = None
    if node.WhichOneof("node") == "type_cast":
        cast = node.type_cast
        inner = cast.arg
        if inner.WhichOneof("node") == "a_const" and inner.a_const.HasField("sval"):
            cast_type = ".".join(n.string.sval for n in cast.type_name.names)
            if _same_type(
                cast_type + "[]" * len(cast.type_name.array_bounds), cast, type_
            ) or _number_for_number(cast, inner.a_const.sval.sval, type_):
                literal = inner.a_const.sval.sval
    elif node.WhichOneof("node") == "a_const" and node.a_const.HasField("sval"):
        literal = node.a_const.sval.sval
    elif node.WhichOneof("node") == "a_const" and _is_number(text) and type_.builtin:
        # a bare number: the same rules as a quoted one. Not on a domain or other type of the user's: the
        # server keeps ``DEFAULT 0`` there as ``0`` but ``'0'`` as ``'0'::numeric`` (the base type)
        literal = text
    base = type_.name if not type_.array_dims else None
    if literal is not None:
        if base in _NUMERIC_BASES and _is_number(literal):
            number = literal.strip()
            # On a non-integer column a negative number stays quoted: ``DEFAULT '-1'`` is stored as
            # ``'-1'::numeric`` and ``DEFAULT -1`` as ``'-1'::integer`` — one value, and this spelling
            # recreates the first.
            return quote_literal(number) if number.startswith("-") and base not in _INTEGERS else number
        if base == "boolean" and literal.strip().lower() in (
            "t",
            "true",
            "f",
            "false",
            "y",
            "yes",
            "n",
            "no",
            "1",
            "0",
        ):
            return "true" if literal.strip().lower() in ("t", "true", "y", "yes", "1") else "false"
        return quote_literal(literal)
    if base == "boolean" and text.lower() in ("true", "false"):
        return text.lower()
    return text


_INTEGERS = ("smallint", "integer", "bigint", "serial", "bigserial")


def _number_for_number(cast: Any, literal: str, type_: SqlType) -> bool:
    """``'-1'::integer`` as a numeric column's default (how Postgres stores ``DEFAULT -1`` there): a
    number cast to a numeric type, assigned to a numeric column, is that number."""
    try:
        parsed = parse_type(_deparse_type(cast) or "")
    except TypeSyntaxError:
        return False
    return (
        parsed.builtin
        and not parsed.array_dims
        and parsed.name in _NUMERIC_BASES
        and type_.name in _NUMERIC_BASES
        and not type_.array_dims
        and _is_number(literal)
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf", "infinity", "-infinity")


def _same_type(spelled: str, cast: object, type_: SqlType) -> bool:
    try:
        parsed = parse_type(_deparse_type(cast) or spelled)
    except TypeSyntaxError:
        return False
    if parsed.builtin:
        # Postgres casts a stored default to the unconstrained type: 'a'::character varying on varchar(20).
        return (parsed.name, parsed.array_dims) == (type_.name, type_.array_dims)
    return parsed.spelling.lower() == type_.spelling.lower() and parsed.schema in (None, type_.schema)


def _deparse_type(cast: object) -> str | None:
    """The cast's target type as text, by deparsing ``NULL::type``."""
    try:
        tree = postgast.parse("SELECT NULL::int")
        target = tree.stmts[0].stmt.select_stmt.target_list[0].res_target.val.type_cast
        target.type_name.CopyFrom(cast.type_name)  # type: ignore[attr-defined]
        return str(postgast.deparse(tree)).removeprefix("SELECT NULL::")
    except postgast.PgQueryError:
        return None


@lru_cache(maxsize=16384)
def strip_table_qualifier(expression: str, table: str) -> str:
    """``"users"."email" <> ''`` -> ``email <> ''`` for the owning table, then normalised.

    Drizzle writes column references in CHECK bodies and index predicates qualified with the table;
    SQLAlchemy and the catalog do not. Inside its own table the qualifier means nothing, so it goes.
    """
    from postgast.pg_query_pb2 import ColumnRef

    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return normalize_expression(expression)
    changed = False
    for ref in postgast.find_nodes(tree, ColumnRef):
        if len(ref.fields) == 2 and ref.fields[0].HasField("string") and ref.fields[0].string.sval == table:
            del ref.fields[0]
            changed = True
    text = postgast.deparse(tree).removeprefix("SELECT ") if changed else expression
    return normalize_expression(text)


def normalize_view_definition(text: str) -> str:
    """A view's SELECT in one spelling, whichever source wrote it.

    pg_get_viewdef prints ``SELECT users.id FROM users`` (over a single table Postgres qualifies every
    column with the table's name); drizzle-kit writes what drizzle-orm printed (``select "id" from
    "users" where "users"."active"``); schema code has no qualifiers. The text is parsed, column
    qualifiers naming the only table (or its alias) are dropped, and the tree is deparsed, so a snapshot,
    the database it created and the code give the same model. Text the parser rejects is kept as is
    (the differ then compares it verbatim).
    """
    return normalize_view_definitions([text])[0]


def normalize_view_definitions(texts: Sequence[str]) -> list[str]:
    """``normalize_view_definition`` of each text, the same result for hundreds of views in one parser
    call and one walk per tree (introspection reads every view of the database at once)."""
    definitions = [text.strip().removesuffix(";") for text in texts]
    out = []
    for definition, tree in zip(definitions, parse_each(definitions), strict=True):
        if tree is None:
            out.append(definition)
            continue
        found = only_relation(tree)
        if found is not None:
            only, refs = found
            names = {only.relname, only.alias.aliasname if only.HasField("alias") else None}
            for ref in refs:
                if (
                    len(ref.fields) == 2
                    and ref.fields[0].HasField("string")
                    and ref.fields[0].string.sval in names
                ):
                    del ref.fields[0]
        out.append(deparse(tree))
    return out


# Built-in types whose storage (``pg_type.typstorage``) is not ``plain``, by ``SqlType.name``: a column's
# SET STORAGE equal to its type's own is no setting at all (the catalog reads none).
_MAIN_STORAGE = frozenset({"numeric", "decimal", "inet", "cidr"})
_EXTENDED_STORAGE = frozenset(
    [
        "text",
        "varchar",
        "char",
        "bpchar",
        "bytea",
        "json",
        "jsonb",
        "jsonpath",
        "xml",
        "bit",
        "varbit",
        "tsvector",
        "path",
        "polygon",
        "refcursor",
        "txid_snapshot",
        "int4range",
        "int8range",
        "numrange",
        "tsrange",
        "tstzrange",
        "daterange",
        "int4multirange",
        "int8multirange",
        "nummultirange",
        "tsmultirange",
        "tstzmultirange",
        "datemultirange",
    ]
) | {"bit varying", "character varying", "character"}


def default_storage(type_: SqlType) -> str | None:
    """The storage PostgreSQL gives a column of ``type_`` (``plain``, ``main``, ``extended``), None for a
    type it cannot tell without the server (user-defined, extension)."""
    if type_.array_dims:
        return "extended"
    if type_.schema is not None:
        return None  # an enum is plain, a domain its base's: not known here
    name = type_.name
    if name in _MAIN_STORAGE:
        return "main"
    if name in _EXTENDED_STORAGE:
        return "extended"
    parsed = name.split()[0]
    if parsed in ("integer", "bigint", "smallint", "serial", "bigserial", "smallserial", "boolean", "real",
                  "double", "date", "time", "timestamp", "interval", "uuid", "money", "oid", "point", "line",
                  "lseg", "box", "circle", "macaddr", "macaddr8", "tsquery", "pg_lsn", "name"):  # fmt: skip
        return "plain"
    return None
