"""Canonical spelling of column types and SQL expressions, shared by every model source.

A type written as ``VARCHAR(255)`` by SQLAlchemy, ``character varying(255)`` by ``format_type`` and
``varchar(255)`` by Drizzle is one type; so is a default written ``now()`` or ``now( )``. Each source
passes its text through these functions, so the differ never sees spelling differences.

Both functions use the real Postgres parser (libpg_query via postgast) rather than pattern matching:
a type is parsed as the target of a cast, an expression as a SELECT target, and the parse tree is
turned back into text. Results are cached; schemas repeat a few dozen type spellings thousands of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import postgast

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


@dataclass(frozen=True)
class ParsedType:
    """A normalised type: ``base`` in Drizzle's spelling with modifiers, plus array depth and schema.

    ``schema`` is set only for a schema-qualified user-defined type (``"auth"."role"``); built-ins
    never carry one. ``builtin`` is False for enums, domains and extension types.
    """

    base: str
    dimensions: int = 0
    schema: str | None = None
    builtin: bool = True

    @property
    def spelling(self) -> str:
        return self.base + "[]" * self.dimensions


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
def parse_type(text: str) -> ParsedType:
    """Parse any spelling of a Postgres type into its canonical parts.

    >>> parse_type("TIMESTAMP(3) WITH TIME ZONE").spelling
    'timestamp (3) with time zone'
    >>> parse_type("character varying(255)[]").spelling
    'varchar(255)[]'
    """
    spelled = " ".join(text.split())
    if spelled.lower() in _SERIALS:
        return ParsedType(_SERIALS[spelled.lower()])
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
        return ParsedType(_builtin_spelling(names[1], mods), dims)
    if len(names) == 1 and names[0].lower() in _ALIASES and not _is_quoted(spelled, names[0]):
        return ParsedType(_builtin_spelling(_ALIASES[names[0].lower()], mods), dims)
    schema = names[0] if len(names) == 2 else None
    name = names[-1]
    base = name + (f"({_mods_text(mods)})" if mods else "")
    return ParsedType(base, dims, None if schema in (None, "public", "pg_catalog") else schema, builtin=False)


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


# Casts Postgres adds by itself when it stores an expression: to text-like types on string literals and on
# columns (``email::text <> ''::text`` for a varchar column), and numeric literals to numeric
# (``p > 0::numeric``). Schema code does not spell them, so they are dropped on every side; the text
# without them means the same to Postgres, which adds them back when it stores it.
_IMPLICIT_TEXT = {"text", "varchar", "bpchar"}


def _strip_implicit_casts(message: object) -> None:
    """Replace, in place, every implicit-looking cast Node by its argument (walks the protobuf tree)."""
    from google.protobuf.message import Message

    for field, _ in message.ListFields():  # type: ignore[attr-defined]
        if field.type != field.TYPE_MESSAGE:
            continue
        value = getattr(message, field.name)  # the live sub-message, not a snapshot of it
        items = [value] if isinstance(value, Message) else list(value)
        for item in items:
            if not isinstance(item, Message):
                continue
            while item.DESCRIPTOR.name == "Node" and _droppable_cast(item):
                arg = type(item)()
                # copy out first: CopyFrom clears the target (a Node message: protobuf stubs lack its fields)
                arg.CopyFrom(item.type_cast.arg)  # type: ignore[attr-defined]
                item.CopyFrom(arg)
            _strip_implicit_casts(item)


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
    return (
        (target in _IMPLICIT_TEXT and (is_string or arg_kind == "column_ref"))
        or (target == "numeric" and literal and not is_string)
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


def qualified_name(schema: str | None, name: str) -> str:
    """``"schema"."name"``, always qualified (``public`` included), as Drizzle 0.31 writes DDL."""
    return f"{quote_ident(schema or 'public')}.{quote_ident(name)}"


_BUILTIN_BASES = frozenset(
    {spelling.split(" (")[0] for spelling in _BUILTIN.values()}
    | {"serial", "smallserial", "bigserial", "time", "timestamp", "citext"}
)


def is_builtin(type_: str) -> bool:
    """Whether a canonical type spelling names a built-in type (not an enum/domain/extension type)."""
    base = type_.rstrip("[]").split("(")[0].strip()
    return base in _BUILTIN_BASES or base.startswith(("time ", "timestamp ", "interval "))


def type_sql(type_: str, type_schema: str | None) -> str:
    """A column type as DDL text from its canonical spelling.

    Built-ins are written as spelled. A user-defined type with a known schema (enums always have one)
    is quoted and qualified; one without (an extension type such as ``vector(1536)``) is left bare so
    the search_path finds it wherever the extension was installed.
    """
    if is_builtin(type_) or type_schema is None:
        return type_
    stem = type_.rstrip("[]")
    dims = (len(type_) - len(stem)) // 2
    base, paren, mods = stem.partition("(")
    return f"{qualified_name(type_schema, base)}{paren}{mods}" + "[]" * dims


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


@lru_cache(maxsize=16384)
def canonical_default(expression: str, column_type: str, type_schema: str | None = None) -> str:
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
                cast_type + "[]" * len(cast.type_name.array_bounds), cast, column_type, type_schema
            ):
                literal = inner.a_const.sval.sval
    elif node.WhichOneof("node") == "a_const" and node.a_const.HasField("sval"):
        literal = node.a_const.sval.sval
    base = column_type.split("(")[0].strip()
    if literal is not None:
        if base in _NUMERIC_BASES and not column_type.endswith("]") and _is_number(literal):
            return literal.strip()
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


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf", "infinity", "-infinity")


def _same_type(spelled: str, cast: object, column_type: str, type_schema: str | None) -> bool:
    try:
        parsed = parse_type(_deparse_type(cast) or spelled)
    except TypeSyntaxError:
        return False
    if parsed.builtin:
        # Postgres casts a stored default to the unconstrained type: 'a'::character varying on varchar(20).
        return _strip_mods(parsed.spelling) == _strip_mods(column_type)
    return parsed.spelling.lower() == column_type.lower() and parsed.schema in (None, type_schema)


def _strip_mods(spelling: str) -> str:
    stem = spelling.rstrip("[]")
    dims = (len(spelling) - len(stem)) // 2
    base = stem.split("(")[0].strip()
    for suffix in (" with time zone",):
        if stem.endswith(suffix) and not base.endswith(suffix):
            base += suffix
    return base + "[]" * dims


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
    from postgast.pg_query_pb2 import ColumnRef, RangeVar

    definition = text.strip().removesuffix(";")
    try:
        tree = postgast.parse(definition)
    except postgast.PgQueryError:
        return definition
    relations = list(postgast.find_nodes(tree, RangeVar))
    if len(relations) == 1:
        only = relations[0]
        names = {only.relname, only.alias.aliasname if only.HasField("alias") else None}
        for ref in postgast.find_nodes(tree, ColumnRef):
            if (
                len(ref.fields) == 2
                and ref.fields[0].HasField("string")
                and ref.fields[0].string.sval in names
            ):
                del ref.fields[0]
    return str(postgast.deparse(tree))
