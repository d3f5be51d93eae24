"""Model -> SQLAlchemy schema code that reads as if a person wrote it (``pgshift pull``).

Every constraint and index is written with its name, so loading the code gives back the same model
(``load -> model_from_metadata == introspected model``), which is what lets ``generate`` continue from a
pulled database without a phantom first migration. Enums become Python ``enum.Enum`` classes whose values
are stored (``values_callable``), types use SQLAlchemy's generic classes where they are exact and the
PostgreSQL dialect's otherwise.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field

from pgshift.model import schema as m
from pgshift.model.clauses import exclude_parts
from pgshift.model.types import SqlType, quote_ident
from pgshift.pg.naming import owned_sequence_name

_SIMPLE = {
    "smallint": "SmallInteger",
    "integer": "Integer",
    "bigint": "BigInteger",
    "serial": "Integer",
    "smallserial": "SmallInteger",
    "bigserial": "BigInteger",
    "text": "Text",
    "boolean": "Boolean",
    "date": "Date",
    "bytea": "LargeBinary",
    "real": "REAL",
    "double precision": "DOUBLE_PRECISION",
}
_PG = {
    "uuid": "UUID",
    "json": "JSON",
    "jsonb": "JSONB",
    "inet": "INET",
    "cidr": "CIDR",
    "macaddr": "MACADDR",
    "macaddr8": "MACADDR8",
    "money": "MONEY",
    "tsvector": "TSVECTOR",
    "interval": "INTERVAL",
}
_PY = {
    "smallint": "int",
    "integer": "int",
    "bigint": "int",
    "serial": "int",
    "smallserial": "int",
    "bigserial": "int",
    "text": "str",
    "varchar": "str",
    "char": "str",
    "boolean": "bool",
    "date": "datetime.date",
    "bytea": "bytes",
    "real": "float",
    "double precision": "float",
    "numeric": "decimal.Decimal",
    "uuid": "uuid.UUID",
    "json": "Any",
    "jsonb": "Any",
    "timestamp": "datetime.datetime",
    "time": "datetime.time",
    "interval": "datetime.timedelta",
}


@dataclass
class _Writer:
    """Collects the imports a generated module needs."""

    sa: set[str] = field(default_factory=set)
    pg: set[str] = field(default_factory=set)
    stdlib: set[str] = field(default_factory=set)
    typing: set[str] = field(default_factory=set)
    needs_pgtype: bool = False
    needs_objects: bool = False  # functions, views, triggers, rules: pgshift.objects declarations

    def use(self, name: str) -> str:
        self.sa.add(name)
        return name

    def use_pg(self, name: str) -> str:
        self.pg.add(name)
        return name


def _ident(name: str, taken: set[str] | None = None) -> str:
    """A Python identifier for a database name."""
    ident = re.sub(r"\W", "_", name)
    if not ident or ident[0].isdigit():
        ident = f"_{ident}"
    if keyword.iskeyword(ident) or ident in ("metadata", "Base", "enum", "text", "func"):
        ident += "_"
    if taken is not None:
        base, n = ident, 2
        while ident in taken:
            ident, n = f"{base}_{n}", n + 1
        taken.add(ident)
    return ident


def _class_name(name: str, taken: set[str]) -> str:
    camel = (
        "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", name) if part) or "Table"
    )
    if camel[0].isdigit():
        camel = f"T{camel}"
    return _ident(camel, taken)


def _enum_var(enum: m.Enum) -> str:
    return _ident(f"{enum.name}_enum" if enum.schema == "public" else f"{enum.schema}_{enum.name}_enum")


def _type_expr(column: m.Column, w: _Writer, enums: dict[tuple[str, str], m.Enum]) -> str:
    if column.collation:
        return _collated_type(column, w)
    dims = column.type.array_dims
    enum = _enum_of(column.type, enums)
    inner = _enum_var(enum) if enum is not None else _scalar_type(column.type.element, w)
    if dims:
        w.use_pg("ARRAY")
        return f"ARRAY({inner}" + (f", dimensions={dims})" if dims > 1 else ")")
    return inner


_ONE_QUOTED_NAME = re.compile(r'"((?:[^"]|"")*)"')


def _collated_type(column: m.Column, w: _Writer) -> str:
    """A column with its own COLLATE: SQLAlchemy's ``Text(collation="C")`` (``String``, ``CHAR``) when
    the collation needs no schema; otherwise the DDL text (``PgType('text[] COLLATE "s"."ci"')``)."""
    type_, collation = column.type, column.collation or ""
    bare = _ONE_QUOTED_NAME.fullmatch(collation)
    if bare and not type_.array_dims and type_.name in ("text", "varchar", "char"):
        name = bare.group(1).replace('""', '"')
        cls = {"text": "Text", "varchar": "String", "char": "CHAR"}[type_.name]
        args = [type_.modifiers] if type_.modifiers else []
        return f"{w.use(cls)}({', '.join([*args, f'collation={name!r}'])})"
    w.needs_pgtype = True
    return f"PgType({f'{type_.sql} COLLATE {collation}'!r})"


def _enum_of(type_: SqlType, enums: dict[tuple[str, str], m.Enum]) -> m.Enum | None:
    """The model's enum a column's type names, if any (only a type with a schema can be one)."""
    return enums.get((type_.schema, type_.base)) if type_.schema is not None else None


def _scalar_type(type_: SqlType, w: _Writer) -> str:
    spelling = type_.base
    base = type_.name
    args = type_.modifiers
    if spelling in _SIMPLE:
        return w.use(_SIMPLE[spelling]) + ("()" if _SIMPLE[spelling] in ("REAL", "DOUBLE_PRECISION") else "")
    if base == "varchar":
        return f"{w.use('String')}({args})" if args else w.use("String")
    if base == "char" and args:  # (without a length: the one-byte "char", below as DDL text)
        return f"{w.use('CHAR')}({args})"
    if base == "numeric":
        return f"{w.use('Numeric')}({args})" if args else f"{w.use('Numeric')}()"
    if base.startswith(("timestamp", "time")) and type_.builtin:
        kind = "TIMESTAMP" if base.startswith("timestamp") else "TIME"
        tz = "with time zone" in spelling
        precision = args or None
        if kind == "TIMESTAMP" and precision is None:
            return f"{w.use('DateTime')}(timezone=True)" if tz else w.use("DateTime")
        kwargs = [f"timezone={tz}"] + ([f"precision={precision}"] if precision else [])
        return f"{w.use_pg(kind)}({', '.join(kwargs)})"
    if base.startswith("interval"):
        fields = base.removeprefix("interval").strip()
        precision = args or None
        kwargs = ([f"fields={fields!r}"] if fields else []) + (
            [f"precision={precision}"] if precision else []
        )
        return f"{w.use_pg('INTERVAL')}({', '.join(kwargs)})"
    if spelling in _PG:
        name = w.use_pg(_PG[spelling])
        return f"{name}(as_uuid=True)" if spelling == "uuid" else name
    w.needs_pgtype = True
    return f"PgType({type_.sql!r})"  # as DDL text: a domain named "Flag" keeps its quotes


def _py_type(column: m.Column, enums: dict[tuple[str, str], m.Enum], w: _Writer) -> str:
    dims = column.type.array_dims
    enum = _enum_of(column.type, enums)
    if enum is not None:
        inner = _class_name(enum.name, set())
    else:
        base = column.type.name
        if base.startswith("timestamp"):
            base = "timestamp"
        elif base.startswith("time"):
            base = "time"
        elif base.startswith("interval"):
            base = "interval"
        inner = _PY.get(base, "Any")
    if inner == "Any":
        w.typing.add("Any")
    for module in ("datetime", "decimal", "uuid"):
        if inner.startswith(module + "."):
            w.stdlib.add(module)
    for _ in range(dims):
        inner = f"list[{inner}]"
    return inner if column.not_null else f"{inner} | None"


def _column_kwargs(table: m.Table, column: m.Column, w: _Writer) -> list[str]:
    out: list[str] = []
    pk = table.primary_key
    sole_key = pk is not None and pk.columns == (column.name,)
    if sole_key and _inline_pk(table):
        out.append("primary_key=True")
    elif column.not_null and not (pk and column.name in pk.columns):
        out.append("nullable=False")
    # SQLAlchemy makes a lone integer key serial, whether the key is inline or a PrimaryKeyConstraint.
    if sole_key and not column.is_serial and column.identity is None and column.type.as_serial() is not None:
        out.append("autoincrement=False")
    if column.default is not None:
        out.append(f"server_default={w.use('text')}({column.default!r})")
    if column.comment:
        out.append(f"comment={column.comment!r}")
    info = _column_settings(column.settings)
    if column.not_null and column.not_null_name is not None:
        info["not_null_name"] = column.not_null_name  # PostgreSQL 18+: the NOT NULL constraint's name
    if column.not_null and column.not_null_not_valid:
        info["not_null_not_valid"] = True  # PostgreSQL 18+: NOT NULL ... NOT VALID
    if info:
        out.append(f"info={{'pgshift': {info!r}}}")
    return out


def _column_settings(settings: m.ColumnSettings) -> dict[str, object]:
    """A column's storage settings as ``info["pgshift"]`` takes them (sources/from_sqlalchemy.py)."""
    out: dict[str, object] = {}
    if settings.statistics is not None:
        out["statistics"] = settings.statistics
    if settings.storage is not None:
        out["storage"] = settings.storage
    if settings.compression is not None:
        out["compression"] = settings.compression
    if settings.options:
        from pgshift.pg.parser import storage_parameters_written  # the parser's module: only when needed

        out["options"] = storage_parameters_written(settings.options)
    return out


def _sequence_kwargs(o: m.SequenceOptions) -> list[str]:
    """Keyword arguments shared by SQLAlchemy's Identity and Sequence."""
    args = [
        f"{name}={value}"
        for name, value in (
            ("start", o.start_with),
            ("increment", o.increment),
            ("minvalue", o.min_value),
            ("maxvalue", o.max_value),
            ("cache", o.cache),
        )
        if value is not None
    ]
    return [*args, "cycle=True"] if o.cycle else args


def _inline_pk(table: m.Table) -> bool:
    """A one-column key with the default name, no deferral and no comment is ``primary_key=True``."""
    pk = table.primary_key
    return (
        pk is not None
        and len(pk.columns) == 1
        and pk.name == f"{table.name}_pkey"
        and not pk.deferrable
        and not pk.without_overlaps
        and pk.comment is None
    )


def _comment(comment: str | None) -> list[str]:
    """SQLAlchemy's ``comment=`` of a constraint (COMMENT ON CONSTRAINT)."""
    return [f"comment={comment!r}"] if comment is not None else []


def _pg18_info(**flags: object) -> list[str]:
    """``info={'pgshift': {...}}`` for the clauses SQLAlchemy has no argument for (PostgreSQL 18's, read
    back by ``sources/from_sqlalchemy._info_flag``; a foreign key's SET NULL (a) columns)."""
    kept = {key: value for key, value in flags.items() if value}
    return [f"info={{'pgshift': {kept!r}}}"] if kept else []


def _not_enforced(checks: tuple[m.CheckConstraint, ...]) -> list[str]:
    """The names of a partition's own NOT ENFORCED CHECKs (PostgreSQL 18+): its ``checks`` map names to
    expressions only."""
    return [c.name for c in checks if c.not_enforced]


def _deferral(deferrable: bool, initially_deferred: bool) -> list[str]:
    out = ["deferrable=True"] if deferrable else []
    return out + (["initially='DEFERRED'"] if initially_deferred else [])


def _column_extras(table: m.Table, column: m.Column, w: _Writer) -> list[str]:
    extras: list[str] = []
    pk = table.primary_key
    if column.is_serial and not (pk is not None and pk.columns == (column.name,)):
        # A serial off the primary key: SQLAlchemy spells it as the sequence serial would own.
        seq = owned_sequence_name(table.name, column.name)
        extras.append(f"{w.use('Sequence')}({seq!r})")
    if column.identity is not None:
        args = [f"always={column.identity.kind == 'always'}", *_sequence_kwargs(column.identity.options)]
        extras.append(f"{w.use('Identity')}({', '.join(args)})")
    if column.generated is not None:
        persisted = "False" if column.generated_virtual else "True"
        extras.append(f"{w.use('Computed')}({column.generated!r}, persisted={persisted})")
    return extras


def _table_items(table: m.Table, w: _Writer) -> list[str]:
    """Constraints and indexes of a table, each named, as SQLAlchemy constructor calls."""
    items: list[str] = []
    pk = table.primary_key
    if pk is not None and not _inline_pk(table):
        args = [*(repr(c) for c in pk.columns), f"name={pk.name!r}"]
        args += _deferral(pk.deferrable, pk.initially_deferred) + _comment(pk.comment)
        args += _pg18_info(without_overlaps=pk.without_overlaps)
        items.append(f"{w.use('PrimaryKeyConstraint')}({', '.join(args)})")
    for u in table.unique_constraints:
        args = [*(repr(c) for c in u.columns), f"name={u.name!r}"]
        args += ["postgresql_nulls_not_distinct=True"] if u.nulls_not_distinct else []
        args += _deferral(u.deferrable, u.initially_deferred) + _comment(u.comment)
        args += _pg18_info(without_overlaps=u.without_overlaps)
        items.append(f"{w.use('UniqueConstraint')}({', '.join(args)})")
    for c in table.check_constraints:
        extra = ", postgresql_not_valid=True" if c.not_valid else ""
        extra += "".join(
            f", {arg}" for arg in [*_comment(c.comment), *_pg18_info(not_enforced=c.not_enforced)]
        )
        items.append(f"{w.use('CheckConstraint')}({c.expression!r}, name={c.name!r}{extra})")
    for x in table.exclude_constraints:
        items.append(_exclude_call(x, w))
    for fk in table.foreign_keys:
        prefix = "" if fk.ref_schema == "public" else f"{fk.ref_schema}."
        refs = ", ".join(repr(f"{prefix}{fk.ref_table}.{c}") for c in fk.ref_columns)
        args = [f"[{', '.join(repr(c) for c in fk.columns)}]", f"[{refs}]", f"name={fk.name!r}"]
        if fk.on_delete != "no action":
            args.append(f"ondelete={fk.on_delete.upper()!r}")
        if fk.on_update != "no action":
            args.append(f"onupdate={fk.on_update.upper()!r}")
        if fk.match_full:
            args.append("match='FULL'")
        args += _deferral(fk.deferrable, fk.initially_deferred)
        if fk.not_valid:
            args.append("postgresql_not_valid=True")
        # SQLAlchemy cannot spell NOT ENFORCED nor SET NULL (a): pgshift reads them from info
        args += _comment(fk.comment) + _pg18_info(
            not_enforced=fk.not_enforced, on_delete_columns=list(fk.on_delete_columns)
        )
        items.append(f"{w.use('ForeignKeyConstraint')}({', '.join(args)})")
    # An index on expressions only has no column to find its table by: it must sit in the table's arguments.
    items += [_index_call(i, w, "") for i in table.indexes if _expressions_only(i)]
    return items


def _exclude_call(x: m.ExcludeConstraint, w: _Writer) -> str:
    """``ExcludeConstraint(("during", "&&"), using="gist", where=text(...), name=...)``."""
    parts = exclude_parts(x.definition)
    if parts is None:
        raise ValueError(f"cannot read the exclusion constraint {x.name}: {x.definition}")
    method, elements, where = parts
    args = [
        f"({element!r}, {op!r})" if is_column else f"({w.use('text')}({element!r}), {op!r})"
        for element, is_column, op in elements
    ]
    args.append(f"name={x.name!r}")
    if method != "btree":
        args.append(f"using={method!r}")
    if where:
        args.append(f"where={w.use('text')}({where!r})")
    args += _deferral(x.deferrable, x.initially_deferred)
    if x.comment is not None:  # SQLAlchemy's ExcludeConstraint drops comment=: pgshift reads info
        args.append(f"info={{'pgshift': {{'comment': {x.comment!r}}}}}")
    return f"{w.use_pg('ExcludeConstraint')}({', '.join(args)})"


def _table_options(table: m.Table, model: m.Model, w: _Writer) -> dict[str, object]:
    """Keyword arguments of ``Table`` (or ``__table_args__``'s dict) beyond columns and constraints."""
    options: dict[str, object] = {}
    if table.schema != "public":
        options["schema"] = table.schema
    if table.comment:
        options["comment"] = table.comment
    if table.unlogged:
        options["prefixes"] = ["UNLOGGED"]
    if table.partition_by:
        options["postgresql_partition_by"] = table.partition_by
    if table.inherits:
        names = [_parent_name(table, parent, w) for parent in table.inherits]
        options["postgresql_inherits"] = names[0] if len(names) == 1 else tuple(names)
    info: dict[str, object] = {}
    if table.clustered_on:
        info["cluster_on"] = table.clustered_on
    if table.access_method is not None:  # Table(postgresql_using=): SQLAlchemy 2.0.26+
        options["postgresql_using"] = table.access_method
    if table.storage_parameters:
        from pgshift.pg.parser import storage_parameters_written  # the parser's module: only when needed

        written = storage_parameters_written(table.storage_parameters)
        if _table_with_supported():
            options["postgresql_with"] = written
        else:  # SQLAlchemy 2.0 has no Table(postgresql_with=): pgshift reads it from info
            info["with"] = written
    if table.rls_enabled or table.policies:
        info.update(_rls_info(table))
    if table.partitions:
        info["partitions"] = [
            {
                "name": p.name,
                "bound": p.bound,
                **({"schema": p.schema} if p.schema != table.schema else {}),
                **({"comment": p.comment} if p.comment else {}),
                **({"defaults": dict(p.defaults)} if p.defaults else {}),
                **({"checks": {c.name: c.expression for c in p.checks}} if p.checks else {}),
                **({"checks_not_enforced": unenforced} if (unenforced := _not_enforced(p.checks)) else {}),
            }
            for p in table.partitions
        ]
    if info:
        options["info"] = {"pgshift": info}
    return options


def _table_with_supported() -> bool:
    """SQLAlchemy 2.1 added ``Table(postgresql_with=...)`` (read from the installed version's metadata:
    pull does not import SQLAlchemy)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major, minor = (int(part) for part in version("sqlalchemy").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (2, 1)


@dataclass(frozen=True)
class _Code:
    """A value written into the module as the Python expression ``text`` (its repr is the text)."""

    text: str

    def __repr__(self) -> str:
        return self.text


_PLAIN = re.compile(r"[a-z_][a-z0-9_]*")


def _parent_name(table: m.Table, parent: str, w: _Writer) -> str | _Code:
    """An INHERITS parent as ``postgresql_inherits`` takes it. SQLAlchemy quotes the whole string as
    one name and PostgreSQL looks a bare one up on the search path, so a parent outside public is
    ``quoted_name("schema.name", quote=False)``, as SQLAlchemy documents (when neither part needs
    quotes; otherwise as before: bare in the child's schema, else ``schema.name``)."""
    schema, _, name = parent.partition(".")
    if schema != "public" and _PLAIN.fullmatch(schema) and _PLAIN.fullmatch(name):
        return _Code(f"{w.use('quoted_name')}({parent!r}, quote=False)")
    return name if schema in (table.schema, "public") else parent


def _expressions_only(index: m.Index) -> bool:
    """No key refers to a table column object (a collated key is SQL text): SQLAlchemy can only attach
    such an index to its table when it is written inside ``Table(...)``."""
    return all(el.is_expression or el.collation for el in index.elements)


def _index_call(index: m.Index, w: _Writer, table_ref: str) -> str:
    """``Index(...)`` written after its table, keys as ``table.c["col"]`` so .desc() and friends work."""
    parts = [repr(index.name)]
    ops: dict[str, str] = {}
    for el in index.elements:
        if el.collation:
            # SQLAlchemy has no per-key collation: the key is written as SQL, read back by the parser.
            key = f"({el.expression})" if el.is_expression else quote_ident(el.expression)
            expr = f"{w.use('literal_column')}({f'{key} COLLATE {quote_ident(el.collation)}'!r})"
        elif el.is_expression:
            expr = f"{w.use('literal_column')}({el.expression!r})"
        else:
            expr = f"{table_ref}.c[{el.expression!r}]"
        if el.opclass:
            ops[el.expression] = el.opclass  # SQLAlchemy keys opclasses by column name or expression text
        if el.descending:
            expr += ".desc()"
        if el.nulls_first is True:
            expr += ".nulls_first()"
        elif el.nulls_first is False:
            expr += ".nulls_last()"
        parts.append(expr)
    if index.unique:
        parts.append("unique=True")
    if index.method != "btree":
        parts.append(f"postgresql_using={index.method!r}")
    if index.where:
        parts.append(f"postgresql_where={w.use('text')}({index.where!r})")
    if index.include:
        parts.append(f"postgresql_include={list(index.include)!r}")
    if index.with_:
        parts.append(f"postgresql_with={dict(index.with_)!r}")
    if ops:
        parts.append(f"postgresql_ops={ops!r}")
    if index.nulls_not_distinct:
        parts.append("postgresql_nulls_not_distinct=True")
    # SQLAlchemy's Index has no comment= nor statistics targets: pgshift reads them from info
    info: dict[str, object] = {}
    if index.comment is not None:
        info["comment"] = index.comment
    statistics = {p: e.statistics for p, e in enumerate(index.elements, start=1) if e.statistics is not None}
    if statistics:
        info["statistics"] = statistics
    if info:
        parts.append(f"info={{'pgshift': {info!r}}}")
    return f"{w.use('Index')}({', '.join(parts)})"


def _enum_block(enums: list[m.Enum], w: _Writer) -> list[str]:
    lines: list[str] = []
    taken: set[str] = set()
    for enum in enums:
        w.stdlib.add("enum")
        cls = _class_name(enum.name, taken)
        lines.append(f"class {cls}(enum.Enum):")
        members: set[str] = set()
        for value in enum.values:
            lines.append(
                f"    {_ident(value.upper() if value.isidentifier() else value, members)} = {value!r}"
            )
        if not enum.values:
            lines.append("    pass")
        lines += ["", ""]
    for enum in enums:
        cls = _class_name(enum.name, set())
        schema = f", schema={enum.schema!r}" if enum.schema != "public" else ""
        lines.append(
            f"{_enum_var(enum)} = {w.use('Enum')}({cls}, name={enum.name!r}{schema}, "
            "values_callable=lambda members: [member.value for member in members])"
        )
    if enums:
        lines += ["", ""]
    return lines


def _sequence_lines(model: m.Model, w: _Writer) -> list[str]:
    lines = []
    for seq in model.sequences:
        args = [repr(seq.name), "metadata=metadata", *_sequence_kwargs(seq.options)]
        if seq.data_type:
            args.append(f"data_type={_scalar_type(SqlType.of(seq.data_type), w)}")
        if seq.schema != "public":
            args.append(f"schema={seq.schema!r}")
        lines.append(f"{_ident(seq.name)} = {w.use('Sequence')}({', '.join(args)})")
    return lines + (["", ""] if lines else [])


def _header(w: _Writer, source: str, style: str) -> list[str]:
    lines = [f'"""Schema pulled from {source} by pgshift. Edit freely: this is now your schema code."""', ""]
    lines.append("from __future__ import annotations")
    lines.append("")
    for module in sorted(w.stdlib):
        lines.append(f"import {module}")
    if w.typing:
        lines.append(f"from typing import {', '.join(sorted(w.typing))}")
    if w.stdlib or w.typing:
        lines.append("")
    names = sorted(
        w.sa | ({"MetaData"} if style == "core" else set()) | ({"types"} if w.needs_pgtype else set())
    )
    lines.append(f"from sqlalchemy import {', '.join(names)}" if names else "")
    if w.pg:
        lines.append(f"from sqlalchemy.dialects.postgresql import {', '.join(sorted(w.pg))}")
    if style == "orm":
        lines.append("from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column")
    if w.needs_objects:
        lines += ["", "from pgshift import objects"]
    lines += ["", ""]
    if w.needs_pgtype:
        lines += [
            "class PgType(types.UserDefinedType):",
            '    """A PostgreSQL type SQLAlchemy has no class for, written as Postgres spells it."""',
            "",
            "    cache_ok = True",
            "",
            "    def __init__(self, spec: str) -> None:",
            "        self.spec = spec",
            "",
            "    def get_col_spec(self, **kw: object) -> str:",
            "        return self.spec",
            "",
            "",
        ]
    return lines


def render_core(model: m.Model, source: str = "the database") -> str:
    w = _Writer()
    enums = {(e.schema, e.name): e for e in model.enums}
    body = _enum_block(list(model.enums), w)
    body += ["metadata = MetaData()", *_unused_enums_line(model), "", ""]
    body += _sequence_lines(model, w)
    taken: set[str] = set()
    for table in model.tables:
        body += _core_table(table, model, w, enums, "metadata", taken)
    body += _objects(model, w, "metadata")
    return "\n".join(_header(w, source, "core") + body).rstrip() + "\n"


def _core_table(
    table: m.Table,
    model: m.Model,
    w: _Writer,
    enums: dict[tuple[str, str], m.Enum],
    metadata: str,
    taken: set[str],
) -> list[str]:
    """``name = Table(...)`` plus its indexes: how core code, and ORM code for a table the ORM cannot
    map (no primary key), declares a table."""
    var = _ident(table.name if table.schema == "public" else f"{table.schema}_{table.name}", taken)
    body = [f"{var} = {w.use('Table')}(", f"    {table.name!r},", f"    {metadata},"]
    for column in table.columns:
        args = [repr(column.name), _type_expr(column, w, enums), *_column_extras(table, column, w)]
        args += _column_kwargs(table, column, w)
        body.append(f"    {w.use('Column')}({', '.join(args)}),")
    for item in _table_items(table, w):
        body.append(f"    {item},")
    for key, value in _table_options(table, model, w).items():
        body.append(f"    {key}={value!r},")
    body.append(")")
    body += [_index_call(index, w, var) for index in table.indexes if not _expressions_only(index)]
    return [*body, "", ""]


def _rls_info(table: m.Table) -> dict[str, object]:
    info: dict[str, object] = {"rls": table.rls_enabled}
    if table.policies:
        info["policies"] = [
            {
                "name": p.name,
                "permissive": p.permissive,
                "command": p.command,
                "roles": list(p.roles),
                **({"using": p.using} if p.using else {}),
                **({"with_check": p.with_check} if p.with_check else {}),
                **({"comment": p.comment} if p.comment else {}),
            }
            for p in table.policies
        ]
    return info


def render_orm(model: m.Model, source: str = "the database") -> str:
    w = _Writer()
    enums = {(e.schema, e.name): e for e in model.enums}
    body = _enum_block(list(model.enums), w)
    body += ["class Base(DeclarativeBase):", "    pass", "", ""]
    unused = _unused_enums_line(model, "Base.metadata")
    if unused:
        body += [*unused, "", ""]
    seq = _sequence_lines(model, w)
    if seq:
        body += ["metadata = Base.metadata", "", *seq]
    taken: set[str] = set()
    core_taken: set[str] = set()
    for table in model.tables:
        if table.primary_key is None:
            # The ORM maps only tables with a primary key: this one is a Core Table in the same metadata.
            body += _core_table(table, model, w, enums, "Base.metadata", core_taken)
            continue
        cls = _class_name(table.name, taken)
        body.append(f"class {cls}(Base):")
        body.append(f"    __tablename__ = {table.name!r}")
        items = _table_items(table, w)
        options = _table_options(table, model, w)
        if items or options:
            body.append("    __table_args__ = (")
            for item in items:
                body.append(f"        {item},")
            if options:
                body.append(f"        {options!r},")
            body.append("    )")
        body.append("")
        attrs: set[str] = set()
        for column in table.columns:
            attr = _ident(column.name, attrs)
            # The column's name is spelled out only when the attribute cannot carry it.
            args = [] if attr == column.name else [repr(column.name)]
            args += [_type_expr(column, w, enums), *_column_extras(table, column, w)]
            args += _column_kwargs(table, column, w)
            if not column.not_null:
                args.append("nullable=True")
            body.append(
                f"    {attr}: Mapped[{_py_type(column, enums, w)}] = mapped_column({', '.join(args)})"
            )
        body += ["", ""]
        after = [i for i in table.indexes if not _expressions_only(i)]
        if after:
            body += [_index_call(index, w, f"{cls}.__table__") for index in after]
            body += ["", ""]
    body += _objects(model, w, "Base.metadata")
    return "\n".join(_header(w, source, "orm") + body).rstrip() + "\n"


def _objects(model: m.Model, w: _Writer, holder: str) -> list[str]:
    from pgshift.codegen.objects_code import objects_block

    lines = objects_block(model, holder)
    w.needs_objects = bool(lines)
    return lines


def tidy(source: str) -> str:
    """Format generated code with ruff when it is installed (a dev dependency); otherwise leave it."""
    import shutil
    import subprocess

    ruff = shutil.which("ruff")
    if ruff is None:
        return source
    proc = subprocess.run(
        [ruff, "format", "--line-length", "100", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout if proc.returncode == 0 and proc.stdout else source


def _unused_enums_line(model: m.Model, holder: str = "metadata") -> list[str]:
    """Enums no column uses and schemas nothing is in, registered where pgshift's converter looks."""
    used = {(c.type.schema, c.type.base) for t in model.tables for c in t.columns if c.type.schema}
    unused = [e for e in model.enums if (e.schema, e.name) not in used]
    occupied = {t.schema for t in model.tables} | {e.schema for e in model.enums}
    occupied |= {s.schema for s in model.sequences}
    empty = [s for s in model.schemas if s not in occupied]
    if not unused and not empty:
        return []
    entries = []
    if unused:
        entries.append(f'"enums": [{", ".join(_enum_var(e) for e in unused)}]')
    if empty:
        entries.append(f'"schemas": {empty!r}')
    return [f'{holder}.info["pgshift"] = {{{", ".join(entries)}}}  # enums no column uses, empty schemas']
