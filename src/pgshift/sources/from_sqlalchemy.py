"""SQLAlchemy MetaData (Core tables, ORM models, SQLModel) -> pgshift's model.

Types are compiled with SQLAlchemy's own PostgreSQL dialect, so what pgshift records is what
``metadata.create_all`` would create, then normalised (``pgshift.types``). The rules that make code, snapshot
and catalog agree (see ``pgshift.model``):

- an integer primary key that SQLAlchemy would render as SERIAL is ``serial`` (``smallserial``,
  ``bigserial``), NOT NULL, without a default; so is an integer column whose ``server_default`` is
  ``nextval('<table>_<column>_seq')`` when the code does not declare that sequence (a non-key serial);
- ``server_default`` is the only default that counts (Python-side ``default=`` never reaches the database); a
  plain string becomes a SQL string literal, then ``types.canonical_default`` gives the one spelling;
- unnamed constraints and indexes get the names Postgres would give them (``pgshift.naming``);
- expressions (CHECK, index keys and predicates, generated columns) are compiled without table prefixes and
  normalised by the Postgres parser.

An enum that no column uses is listed in ``metadata.info["pgshift"] = {"enums": [my_enum]}`` (SQLAlchemy
itself only knows enums through columns). Things SQLAlchemy has no construct for are read from
``Table.info["pgshift"]``:
``{"rls": True, "policies": [{"name": ..., "command": "SELECT", "roles": ["app"], "using": "...",
"with_check": "...", "permissive": True, "comment": "..."}]}``.

Comments: tables, columns and constraints take SQLAlchemy's own ``comment=``; an index and an exclusion
constraint take ``info={"pgshift": {"comment": ...}}``; schemas, enums and sequences, which have
neither, are commented with an ``objects.Comment`` declaration (read back through the scratch database,
``pgshift.api.scratch``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from types import MappingProxyType
from typing import Any

import postgast
from postgast.pg_query_pb2 import ColumnRef
from sqlalchemy import (
    ARRAY,
    BigInteger,
    CheckConstraint,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    SmallInteger,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy import Index as SAIndex
from sqlalchemy import Sequence as SASequence
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import AddConstraint as SAAddConstraint
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ClauseElement, ClauseList, ColumnClause, UnaryExpression
from sqlalchemy.sql.functions import Function
from sqlalchemy.sql.sqltypes import Emulated  # type: ignore[attr-defined]  # public in SQLAlchemy, not re-exported

from pgshift.model import schema as m
from pgshift.model.clauses import (
    exclude_of_statement,
    nextval_target,
    normalize_partition_bound,
    normalize_partition_key,
)
from pgshift.model.filters import table_matcher
from pgshift.model.types import (
    SqlType,
    canonical_default,
    default_storage,
    normalize_expression,
    normalize_type,
    parse_type,
    quote_literal,
    split_collation,
)
from pgshift.pg import naming
from pgshift.pg.parser import IndexKey, index_keys, storage_parameters

# paramstyle "named": with the default ("pyformat", psycopg's) SQLAlchemy doubles every % in SQL text for
# the driver, and ``text("'100%'")`` would become the default '100%%' (a CHECK's LIKE 'x%' likewise).
DIALECT = postgresql.dialect(paramstyle="named")  # type: ignore[no-untyped-call]  # unannotated class
PUBLIC = "public"


def model_from_metadata(
    metadata: MetaData,
    *,
    schema_filter: Sequence[str] | None = None,
    tables_filter: Sequence[str] = (),
) -> m.Model:
    """Convert every table of ``metadata`` (within the filters) into a normalised Model."""
    matches = table_matcher(tables_filter)
    enums: dict[str, m.Enum] = {}
    types: _Types = {}  # (one compile per distinct type: a schema repeats a few types many times)
    tables = []
    for table in metadata.tables.values():
        schema = table.schema or PUBLIC
        if schema_filter is not None and schema not in schema_filter:
            continue
        if not matches(schema, table.name):
            continue
        tables.append(_table(table, enums, types))
    # Enums no column uses are not reachable from the tables: they are listed in metadata.info.
    extra = metadata.info.get("pgshift", {}).get("enums", ()) if isinstance(metadata.info, dict) else ()
    for sa_enum in extra:
        schema = sa_enum.schema or PUBLIC
        if schema_filter is None or schema in schema_filter:
            key = m.qualified(schema, sa_enum.name)
            enums.setdefault(
                key, m.Enum(schema=str(schema), name=str(sa_enum.name), values=tuple(map(str, sa_enum.enums)))
            )
    declared_sequences = getattr(metadata, "_sequences", {})
    serial_sequences = {  # (only asked of every column where the metadata has sequences at all)
        id(col.default)
        for t in (metadata.tables.values() if declared_sequences else ())
        for col in t.columns
        if _sequence_serial(t, col)
    }
    sequences = [_sequence(seq) for seq in declared_sequences.values() if id(seq) not in serial_sequences]
    if schema_filter is not None:
        sequences = [s for s in sequences if s.schema in schema_filter]
    schemas = {t.schema for t in tables} | {e.schema for e in enums.values()} | {s.schema for s in sequences}
    # Schemas that hold nothing (yet) are declared in metadata.info["pgshift"]["schemas"].
    declared = metadata.info.get("pgshift", {}).get("schemas", ()) if isinstance(metadata.info, dict) else ()
    schemas |= {str(name) for name in declared if schema_filter is None or name in schema_filter}
    return m.build_model(schemas=schemas, enums=enums.values(), sequences=sequences, tables=tables)


# -- tables -----------------------------------------------------------------------------------------


def _table(table: Any, enums: dict[str, m.Enum], types: _Types) -> m.Table:
    schema = table.schema or PUBLIC
    autoinc = _serial_column(table)
    columns = tuple(_column(table, col, col is autoinc, enums, types) for col in table.columns)
    pk = None
    if table.primary_key is not None and len(table.primary_key.columns):
        pk = m.PrimaryKey(
            name=_name(table.primary_key) or naming.primary_key_name(table.name),
            columns=tuple(str(c.name) for c in table.primary_key.columns),
            deferrable=bool(table.primary_key.deferrable),
            initially_deferred=_initially_deferred(table.primary_key),
            without_overlaps=_info_flag(table.primary_key, "without_overlaps"),
            comment=table.primary_key.comment or None,
        )
    uniques, checks, fks, excludes = [], [], [], []
    column_checks = [c for col in table.columns for c in col.constraints if c not in table.constraints]
    for constraint in [*table.constraints, *column_checks]:
        if isinstance(constraint, UniqueConstraint):
            cols = tuple(str(c.name) for c in constraint.columns)
            uniques.append(
                m.UniqueConstraint(
                    name=_name(constraint) or naming.unique_name(table.name, cols),
                    columns=cols,
                    nulls_not_distinct=bool(_pg(constraint).get("nulls_not_distinct")),
                    deferrable=bool(constraint.deferrable),
                    initially_deferred=_initially_deferred(constraint),
                    without_overlaps=_info_flag(constraint, "without_overlaps"),
                    comment=constraint.comment or None,
                )
            )
        elif isinstance(constraint, postgresql.ExcludeConstraint):
            excludes.append(
                m.ExcludeConstraint(
                    name=_name(constraint)
                    or naming.make_object_name(str(table.name), _exclude_addition(constraint), "excl"),
                    definition=exclude_of_statement(
                        # isolate_from_table=False: by default SQLAlchemy marks the constraint as
                        # added later, and the user's own create_all() would then leave it out
                        str(SAAddConstraint(constraint, isolate_from_table=False).compile(dialect=DIALECT))
                    ),
                    deferrable=bool(constraint.deferrable),
                    initially_deferred=_initially_deferred(constraint),
                    # SQLAlchemy's ExcludeConstraint drops comment=: it goes in info, as an index's does
                    comment=constraint.comment or _info_comment(constraint),
                )
            )
        elif isinstance(constraint, CheckConstraint):
            if getattr(constraint, "_type_bound", False):
                continue  # SQLAlchemy's CHECK for non-native Boolean/Enum: part of the type, not the schema
            expression = normalize_expression(_sql(constraint.sqltext))
            checks.append(
                m.CheckConstraint(
                    name=_name(constraint) or naming.check_name(table.name, _first_column(expression)),
                    expression=expression,
                    # NOT ENFORCED is never valid: the model spells it with not_valid False
                    not_valid=bool(_pg(constraint).get("not_valid"))
                    and not _info_flag(constraint, "not_enforced"),
                    not_enforced=_info_flag(constraint, "not_enforced"),
                    comment=constraint.comment or None,
                )
            )
        elif isinstance(constraint, ForeignKeyConstraint):
            fks.append(_foreign_key(table, constraint))
    indexes = tuple(_index(table, index) for index in table.indexes)
    info = table.info.get("pgshift", {}) if isinstance(table.info, dict) else {}
    pg = _pg(table)
    inherits = pg.get("inherits")
    if inherits is not None and not isinstance(inherits, list | tuple):
        inherits = (inherits,)
    parents = tuple(_parent_key(table, str(parent)) for parent in inherits or ())
    if parents:
        # INHERITS: the columns a parent has are the parent's (PostgreSQL merges a re-declared one).
        inherited = {
            str(c.name)
            for key in parents
            if (parent := table.metadata.tables.get(key.removeprefix("public."))) is not None
            for c in parent.columns
        }
        columns = tuple(c for c in columns if c.name not in inherited)
    return m.Table(
        schema=str(schema),
        name=str(table.name),
        columns=columns,
        primary_key=pk,
        foreign_keys=tuple(fks),
        unique_constraints=tuple(uniques),
        check_constraints=tuple(checks),
        indexes=indexes,
        policies=tuple(_policy(p) for p in info.get("policies", ())),
        rls_enabled=bool(info.get("rls", False)) or bool(info.get("policies")),
        comment=table.comment or None,
        exclude_constraints=tuple(excludes),
        unlogged=any(str(p).upper() == "UNLOGGED" for p in table._prefixes),
        partition_by=normalize_partition_key(str(pg["partition_by"])) if pg.get("partition_by") else None,
        partitions=tuple(_partition(str(schema), p, columns) for p in info.get("partitions", ())),
        inherits=parents,
        storage_parameters=_storage_parameters(table, pg.get("with") or info.get("with")),
        clustered_on=str(info["cluster_on"]) if info.get("cluster_on") else None,
        access_method=_access_method(table, pg.get("using")),
        foreign=_foreign(table, info.get("foreign")),
    )


def _foreign(table: Any, declared: Any) -> m.ForeignTable | None:
    """``info={"pgshift": {"foreign": {"server": "s", "options": {...}}}}``: a foreign table (which
    SQLAlchemy's ``create_all`` makes as a plain table: it has no construct for one); ``table`` is the
    Table, or a partition's entry (``"foreign"`` in one of ``info["pgshift"]["partitions"]``)."""
    if declared is None:
        return None
    from pgshift.errors import SchemaLoadError
    from pgshift.sources.kinds.foreign import SecretOptionError, checked_options

    name = table["name"] if isinstance(table, dict) else table.fullname
    if not isinstance(declared, dict) or not isinstance(declared.get("server"), str):
        raise SchemaLoadError(
            f"table {name}: info['pgshift']['foreign'] must be a dict naming its server",
            hint='write info={"pgshift": {"foreign": {"server": "films_server", "options": {"table_name": "films"}}}}',
        )
    try:
        options = checked_options(declared.get("options"), f"foreign table {name}")
    except SecretOptionError as exc:
        raise SchemaLoadError(str(exc)) from None
    return m.ForeignTable(declared["server"], options)


def _column_foreign_options(table: Any, info: Any) -> m.Options:
    """A foreign table's column ``info={"pgshift": {"foreign_options": {"column_name": "id"}}}``."""
    declared = info.get("foreign_options") if isinstance(info, dict) else None
    if not declared:
        return ()
    from pgshift.errors import SchemaLoadError
    from pgshift.sources.kinds.foreign import SecretOptionError, checked_options

    try:
        return checked_options(declared, f"a column of foreign table {table.fullname}")
    except SecretOptionError as exc:
        raise SchemaLoadError(str(exc)) from None


def _access_method(table: Any, using: Any) -> str | None:
    """``postgresql_using="heap2"`` (SQLAlchemy 2.0.26+): the table's access method, a name (heap, the
    default, is None in the model: ``model.schema.canonical_table``)."""
    if not using:
        return None
    if not isinstance(using, str):
        from pgshift.errors import SchemaLoadError

        raise SchemaLoadError(
            f"table {table.fullname}: postgresql_using must name a table access method, got {using!r}",
            hint='write postgresql_using="heap" (or the name of an access method the database has)',
        )
    return using


def _storage_parameters(table: Any, options: Any) -> tuple[str, ...]:
    """``postgresql_with={"fillfactor": 70}`` (SQLAlchemy 2.1; on 2.0, ``info={"pgshift": {"with":
    {...}}}``), written out as SQLAlchemy's CREATE TABLE writes it and read back as the server stores it."""
    if not options:
        return ()
    from pgshift.errors import SchemaLoadError

    if not isinstance(options, dict):
        raise SchemaLoadError(
            f"table {table.fullname}: postgresql_with must be a dict of storage parameters, got {options!r}",
            hint='write postgresql_with={"fillfactor": 70, "autovacuum_enabled": False}',
        )
    written = ", ".join(
        str(k) if v is None else f"{k} = {('true' if v else 'false') if isinstance(v, bool) else v}"
        for k, v in options.items()
    )
    parsed = storage_parameters(written)
    if parsed is None:
        raise SchemaLoadError(
            f"table {table.fullname}: PostgreSQL cannot read WITH ({written})",
            hint="each storage parameter is a name and a number, word or quoted string",
        )
    return parsed


def _initially_deferred(constraint: Any) -> bool:
    return (constraint.initially or "").upper() == "DEFERRED"


def _exclude_addition(constraint: Any) -> str:
    """Postgres names an unnamed EXCLUDE ``<table>_<columns>_excl``."""
    return "_".join(str(c.name) for c in constraint.columns) or "expr"


def _parent_key(table: Any, parent: str) -> str:
    """``schema.name`` of an INHERITS parent: ``postgresql_inherits`` takes a table name, qualified
    or not; an unqualified one is the table of that name in the child's schema, else in public."""
    if "." in parent:
        return parent
    schema = str(table.schema or PUBLIC)
    if schema != PUBLIC and f"{schema}.{parent}" in table.metadata.tables:
        return f"{schema}.{parent}"
    return f"{PUBLIC}.{parent}"


def _partition(schema: str, raw: dict[str, Any], columns: tuple[m.Column, ...]) -> m.Partition:
    """One entry of ``info["pgshift"]["partitions"]``: ``{"name", "bound"}`` plus optional ``schema``
    (the parent's by default), ``comment``, ``defaults`` (``{"column": "SQL expression"}``, None for
    none where the parent has one) and ``checks`` (``{"name": "SQL expression"}``) of its own."""
    from pgshift.errors import SchemaLoadError

    types = {c.name: c.type for c in columns}
    defaults = []
    for column, expr in (raw.get("defaults") or {}).items():
        if column not in types:
            raise SchemaLoadError(
                f"partition {raw['name']}: a default for {column!r}, which the table does not have"
            )
        defaults.append((str(column), None if expr is None else canonical_default(str(expr), types[column])))
    return m.Partition(
        schema=str(raw.get("schema") or schema),
        name=str(raw["name"]),
        bound=normalize_partition_bound(str(raw["bound"])),
        comment=raw.get("comment") or None,
        defaults=tuple(sorted(defaults)),
        checks=tuple(
            m.CheckConstraint(
                name=str(name),
                expression=normalize_expression(str(expr)),
                not_enforced=str(name) in (raw.get("checks_not_enforced") or ()),  # PostgreSQL 18+
            )
            for name, expr in sorted((raw.get("checks") or {}).items())
        ),
        foreign=_foreign(raw, raw.get("foreign")),
    )


def _name(constraint: Any) -> str | None:
    name = constraint.name
    if name is None:
        return None
    return str(name)  # conv() and _NoneName are str subclasses / markers


def _pg(construct: Any) -> Mapping[str, Any]:
    """``construct.dialect_options["postgresql"]``, without SQLAlchemy building it for each construct.

    Why: SQLAlchemy builds a construct's dialect options when first asked (every dialect's defaults for
    its class), a tenth of reading a 1,000-table schema. A construct given no dialect keyword was never
    asked (SQLAlchemy asks when it validates them): ``dialect_options`` is not yet in its ``__dict__``,
    and it has its class's defaults, read here once per class. ``_memo_is_dict`` checks that at first
    use; should a SQLAlchemy release keep it elsewhere, every construct is asked as before."""
    if "dialect_options" in vars(construct) or not _memo_is_dict():
        return construct.dialect_options["postgresql"]  # type: ignore[no-any-return]
    cls = type(construct)
    defaults = _DEFAULT_OPTIONS.get(cls)
    if defaults is None:
        defaults = _DEFAULT_OPTIONS[cls] = MappingProxyType(dict(construct.dialect_options["postgresql"]))
    return defaults


_DEFAULT_OPTIONS: dict[type, Mapping[str, Any]] = {}


@cache
def _memo_is_dict() -> bool:
    """Whether a construct's ``dialect_options`` is in its ``__dict__`` exactly when it was given a
    dialect keyword (``_pg`` relies on it)."""
    plain, given = CheckConstraint("true"), CheckConstraint("true", postgresql_not_valid=True)
    return "dialect_options" not in vars(plain) and "dialect_options" in vars(given)


def _serial_column(table: Any) -> Any:
    """The column SQLAlchemy's PostgreSQL DDL would render as SERIAL, if any."""
    col = table.autoincrement_column
    if col is None or not col.primary_key or col.identity is not None or col.server_default is not None:
        return None
    if not isinstance(_impl(col.type), Integer):
        return None
    if col.default is not None and not (isinstance(col.default, SASequence) and col.default.optional):
        return None
    return col


def _impl(type_: Any) -> Any:
    """The type behind user TypeDecorators. SQLAlchemy's own emulated types (Interval, ...) are kept:
    they compile to the native PostgreSQL type, while their ``impl`` is only the fallback for others."""
    while isinstance(type_, TypeDecorator) and not isinstance(type_, Emulated):
        type_ = type_.load_dialect_impl(DIALECT)
    return type_


# -- columns ----------------------------------------------------------------------------------------


def _column(table: Any, col: Any, serial: bool, enums: dict[str, m.Enum], types: _Types) -> m.Column:
    type_, collation = _type(col.type, table, enums, types)
    if serial:
        impl = _impl(col.type)
        type_ = SqlType(
            "bigserial"
            if isinstance(impl, BigInteger)
            else "smallserial"
            if isinstance(impl, SmallInteger)
            else "serial"
        )
    default = None
    if (
        col.server_default is not None
        and getattr(col.server_default, "arg", None) is not None
        and col.computed is None
    ):
        arg = col.server_default.arg
        text = quote_literal(arg) if isinstance(arg, str) else _sql(arg)
        default = canonical_default(text, type_)
    elif _sequence_serial(table, col):
        serial = True
        type_ = type_.as_serial() or type_
    elif isinstance(col.default, SASequence) and not serial:
        seq_schema = col.default.schema or PUBLIC
        default = canonical_default(f"nextval('{seq_schema}.{col.default.name}'::regclass)", type_)
    identity = None
    if col.identity is not None:
        ident = col.identity
        identity = m.Identity(
            kind="always" if ident.always else "byDefault",
            sequence_name=naming.identity_sequence_name(table.name, col.name),
            options=_options(ident, type_.spelling),
        )
    generated = None
    if col.computed is not None:
        generated = normalize_expression(_sql(col.computed.sqltext))
    serial_type = type_.as_serial()
    if default is not None and serial_type is not None and _is_own_serial_default(table, col, default):
        type_, default = serial_type, None
    not_null = not col.nullable or serial or identity is not None
    info = col.info.get("pgshift", {}) if isinstance(col.info, dict) else {}
    return m.new_column(  # (Column(...) without its slow frozen __init__: one per column of the schema)
        name=str(col.name),
        type=type_,
        not_null=not_null,
        not_null_name=_not_null_name(table, col) if not_null and info else None,
        # PostgreSQL 18+: info={"pgshift": {"not_null_not_valid": True}} (existing rows not checked)
        not_null_not_valid=not_null and isinstance(info, dict) and bool(info.get("not_null_not_valid")),
        default=default,
        identity=identity,
        generated=generated,
        # Only persisted=False is VIRTUAL. None (no keyword) is read as STORED, what pgshift writes and what
        # PostgreSQL before 18 makes; SQLAlchemy's create_all on 18 makes it VIRTUAL: pulled code says which.
        generated_virtual=col.computed is not None and col.computed.persisted is False,
        comment=col.comment or None,  # COMMENT IS '' removes a comment: '' and None are one
        # (most columns carry no pgshift info: nothing more to read then)
        settings=_column_settings(table, col, type_) if info else m.NO_COLUMN_SETTINGS,
        collation=collation,
        foreign_options=_column_foreign_options(table, info) if info else (),
    )


_SETTINGS = frozenset(("statistics", "storage", "compression", "options"))


def _not_null_name(table: Any, col: Any) -> str | None:
    """``info={"pgshift": {"not_null_name": "a_must"}}``: the name of a NOT NULL constraint (PostgreSQL
    18+; SQLAlchemy has no construct for it). The default ``<table>_<column>_not_null`` is no name."""
    info = col.info.get("pgshift", {}) if isinstance(col.info, dict) else {}
    name = info.get("not_null_name") if isinstance(info, dict) else None
    if not name or name == naming.not_null_name(str(table.name), str(col.name)):
        return None
    return str(name)


def _column_settings(table: Any, col: Any, type_: SqlType) -> m.ColumnSettings:
    """``info={"pgshift": {"statistics": 500, "storage": "external", "compression": "lz4", "options":
    {"n_distinct": 10}}}`` on a Column (SQLAlchemy has no construct for these)."""
    info = col.info.get("pgshift") if isinstance(col.info, dict) else None
    if not info or not _SETTINGS.intersection(info):
        return m.NO_COLUMN_SETTINGS
    from pgshift.errors import SchemaLoadError

    where = f"column {table.fullname}.{col.name}"
    statistics = info.get("statistics")
    if statistics is not None and (isinstance(statistics, bool) or not isinstance(statistics, int)
                                   or not -1 <= statistics <= 10000):  # fmt: skip
        raise SchemaLoadError(f"{where}: statistics must be an integer from 0 to 10000 (-1: the default)")
    storage = info.get("storage")
    if storage is not None and str(storage).lower() not in m.COLUMN_STORAGE:
        raise SchemaLoadError(f"{where}: storage {storage!r} is not one of {', '.join(m.COLUMN_STORAGE)}")
    compression = info.get("compression")
    if compression is not None and str(compression).lower() not in m.COLUMN_COMPRESSION:
        raise SchemaLoadError(
            f"{where}: compression {compression!r} is not one of {', '.join(m.COLUMN_COMPRESSION)}"
        )
    return m.ColumnSettings(
        statistics=None if statistics in (None, -1) else statistics,
        storage=_storage_unless_default(type_, str(storage).lower()) if storage is not None else None,
        compression=str(compression).lower() if compression is not None else None,
        options=_storage_parameters(table, info.get("options")),
    )


def _storage_unless_default(type_: SqlType, storage: str) -> str | None:
    """None when ``storage`` is what the column's type has anyway (the catalog reads it so)."""
    return None if default_storage(type_) == storage else storage


def _sequence_serial(table: Any, col: Any) -> bool:
    """``Column("n", Integer, Sequence("<table>_<column>_seq"))`` off the primary key is a serial: the
    sequence is the one ``serial`` would own, with no options of its own. A column of a composite primary
    key counts too: only a one-column key is spelled as SERIAL by SQLAlchemy itself."""
    seq = col.default
    if not isinstance(seq, SASequence) or col.server_default is not None:
        return False
    if col.primary_key and len(table.primary_key.columns) == 1:
        return False
    if not isinstance(_impl(col.type), Integer):
        return False
    options = (seq.start, seq.increment, seq.minvalue, seq.maxvalue, seq.cache, seq.data_type)
    if any(o is not None for o in options) or seq.cycle:
        return False
    return str(seq.name) == naming.owned_sequence_name(str(table.name), str(col.name)) and (
        seq.schema is None or seq.schema == (table.schema or PUBLIC)
    )


def _is_own_serial_default(table: Any, col: Any, default: str) -> bool:
    """``server_default=text("nextval('t_c_seq')")`` on an integer column is how SQLAlchemy code spells a
    serial that is not the primary key. It is serial when the sequence is the one ``serial`` would own
    (``<table>_<column>_seq``) and the code does not declare that sequence itself, so code, a Drizzle
    snapshot (``serial("c")``) and the introspected database (integer + owned sequence) agree."""
    seq = naming.identity_sequence_name(str(table.name), str(col.name))
    declared = getattr(table.metadata, "_sequences", {}).values()
    if any(str(s.name) == seq for s in declared):
        return False
    target = nextval_target(default)
    return target is not None and target[1] == seq and target[0] in (None, str(table.schema or PUBLIC))


def _options(source: Any, data_type: str | None) -> m.SequenceOptions:
    """A SQLAlchemy Identity's or Sequence's options, with Postgres's defaults spelled out as the catalog and
    Drizzle's snapshots have them."""
    from pgshift.model.sequences import effective_sequence_options

    options = m.SequenceOptions(
        increment=_num(source.increment),
        min_value=_num(source.minvalue),
        max_value=_num(source.maxvalue),
        start_with=_num(source.start),
        cache=_num(source.cache),
        cycle=bool(source.cycle),
    )
    return effective_sequence_options(options, data_type)


def _num(value: Any) -> str | None:
    return None if value is None else str(value)


def _type(sa_type: Any, table: Any, enums: dict[str, m.Enum], types: _Types) -> tuple[SqlType, str | None]:
    """The column's type and its own collation (``Text(collation="C")``, ``PgType('text COLLATE "C"')``);
    ``types`` keeps what each distinct type of SQLAlchemy's own compiled to (``_type_key``)."""
    impl = _impl(sa_type)
    dims = 0
    while isinstance(impl, ARRAY):
        dims += impl.dimensions or 1
        impl = _impl(impl.item_type)
    if isinstance(impl, SAEnum) and impl.native_enum:
        schema = impl.schema or (table.schema if getattr(impl, "_inherit_schema", False) else None) or PUBLIC
        name = impl.name or impl.__class__.__name__.lower()
        key = m.qualified(schema, name)
        values = tuple(impl.enums)
        if key in enums and enums[key].values != values:
            from pgshift.errors import SchemaLoadError

            raise SchemaLoadError(
                f"enum {key} is declared twice with different values: {enums[key].values} and {values}",
                where=f"column type in table {table.name}",
                hint="declare the enum once and reuse it",
            )
        enums[key] = m.Enum(schema=str(schema), name=str(name), values=tuple(str(v) for v in values))
        return SqlType(str(name), dims, str(schema)), None
    type_key = _type_key(impl, dims)
    known = types.get(type_key) if type_key is not None else None
    if known is None:
        spelled, collation = split_collation(impl.compile(dialect=DIALECT))
        parsed = parse_type(spelled)  # keeps the schema of ``app.email`` (a domain)
        known = SqlType(parsed.base, parsed.array_dims + dims, parsed.schema), collation
        if type_key is not None:
            types[type_key] = known
    return known


# A type's key (``_type_key``) -> the column type and collation it compiles to.
_Types = dict[tuple[Any, ...], tuple[SqlType, str | None]]


def _type_key(impl: Any, dims: int) -> tuple[Any, ...] | None:
    """What a type of SQLAlchemy's own compiles from: its class and its attributes (``String(50)``:
    ``length``, ``collation``), or None to compile it anyway. Each column has its own type object, and
    compiling each one was a sixth of reading a 1,000-table schema. Not for other classes (a
    ``UserDefinedType``'s ``get_col_spec`` may read anything), nor for attributes that do not hash. A
    ``Boolean``'s own event ``dispatch`` (it is a SchemaType) is left out: it does not change the DDL."""
    cls = type(impl)
    if not cls.__module__.startswith("sqlalchemy."):
        return None
    attributes = vars(impl)
    items = attributes.items() if "dispatch" not in attributes else _but_dispatch(attributes)
    key = (cls, dims, *items)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _but_dispatch(attributes: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in attributes.items() if k != "dispatch"]


# -- constraints and indexes ------------------------------------------------------------------------


_ACTIONS = {"cascade", "restrict", "no action", "set null", "set default"}


def _action(value: str | None) -> m.ReferentialAction:
    if value is None:
        return "no action"
    lowered = " ".join(value.lower().split())
    if lowered not in _ACTIONS:
        from pgshift.errors import SchemaLoadError

        raise SchemaLoadError(f"unknown referential action {value!r}", hint=f"use one of {sorted(_ACTIONS)}")
    return lowered  # type: ignore[return-value]


def _references(fk: ForeignKeyConstraint) -> tuple[str, str, tuple[str, ...]]:
    """(schema, table, columns) an FK points at. A target outside the MetaData — a table in a schema the
    code does not manage, such as Supabase's ``auth.users`` — is taken as written ("auth.users.id"):
    SQLAlchemy cannot resolve it, and Postgres needs only its name."""
    from sqlalchemy import exc

    try:
        remote = [element.column for element in fk.elements]
    except (exc.NoReferencedTableError, exc.NoReferencedColumnError):
        # _column_tokens: (schema, table, column) as SQLAlchemy split the string it was given
        targets = [tuple(element._column_tokens) for element in fk.elements]
        schema, name = targets[0][0], targets[0][1]
        return str(schema or PUBLIC), str(name), tuple(str(t[2]) for t in targets)
    ref_table = remote[0].table
    return str(ref_table.schema or PUBLIC), str(ref_table.name), tuple(str(c.name) for c in remote)


def _foreign_key(table: Any, fk: ForeignKeyConstraint) -> m.ForeignKey:
    local = tuple(str(c.name) for c in fk.columns)
    ref_schema, ref_table, ref_columns = _references(fk)
    return m.ForeignKey(
        name=_name(fk) or naming.foreign_key_name(table.name, local),
        columns=local,
        ref_schema=ref_schema,
        ref_table=ref_table,
        ref_columns=ref_columns,
        on_delete=_action(fk.ondelete),
        on_update=_action(fk.onupdate),
        deferrable=bool(fk.deferrable),
        initially_deferred=(fk.initially or "").upper() == "DEFERRED",
        not_valid=bool(_pg(fk).get("not_valid"))
        and not _info_flag(fk, "not_enforced"),
        not_enforced=_info_flag(fk, "not_enforced"),
        comment=fk.comment or None,
        match_full=(fk.match or "").upper() == "FULL",
        on_delete_columns=_on_delete_columns(table, fk),
    )


def _on_delete_columns(table: Any, fk: ForeignKeyConstraint) -> tuple[str, ...]:
    """``info={"pgshift": {"on_delete_columns": ["a"]}}``: ON DELETE SET NULL (a) / SET DEFAULT (a),
    which SQLAlchemy's ``ondelete=`` refuses to spell."""
    info = fk.info.get("pgshift") if isinstance(fk.info, dict) else None
    columns = info.get("on_delete_columns") if isinstance(info, dict) else None
    if not columns:
        return ()
    local = {str(c.name) for c in fk.columns}
    action = _action(fk.ondelete)
    if action not in ("set null", "set default") or not set(columns) <= local:
        from pgshift.errors import SchemaLoadError

        raise SchemaLoadError(
            f"foreign key {_name(fk) or '(unnamed)'} on {table.fullname}: on_delete_columns {list(columns)} "
            "needs ondelete='SET NULL' or 'SET DEFAULT' and names only the key's own columns",
            hint=f"use some of {sorted(local)}, or remove on_delete_columns",
        )
    return tuple(str(c) for c in columns)


def _index(table: Any, index: SAIndex) -> m.Index:
    opts = _pg(index)
    ops: dict[str, str] = opts.get("ops") or {}
    elements = []
    names_for_default = []
    for expr in index.expressions:
        descending, nulls_first = False, None
        while isinstance(expr, UnaryExpression) and expr.modifier in (
            operators.desc_op,
            operators.asc_op,
            operators.nulls_first_op,
            operators.nulls_last_op,
        ):
            if expr.modifier is operators.desc_op:
                descending = True
            elif expr.modifier is operators.nulls_first_op:
                nulls_first = True
            elif expr.modifier is operators.nulls_last_op:
                nulls_first = False
            expr = expr.element
        if not (isinstance(expr, ColumnClause) and expr.table is not None):
            # text("v DESC"), a function call...: read as index keys by the parser, each keeping its
            # direction, NULLS order, operator class and collation (as an expression, ``v DESC``
            # would be ``v AS "desc"``).
            for key in _text_keys(_sql(expr)):
                names_for_default.append(key.column or "expr")
                elements.append(_element_of(key, descending, nulls_first, ops))
            continue
        column_name = str(expr.name)
        names_for_default.append(column_name)
        opclass = ops.get(expr.key) or ops.get(column_name)
        elements.append(
            m.IndexElement(
                expression=column_name,
                descending=descending,
                # NULLS FIRST is the default for DESC, NULLS LAST for ASC: store only a departure from it.
                nulls_first=m.nondefault_nulls(nulls_first, descending),
                opclass=opclass,
            )
        )
    where = opts.get("where")
    with_ = opts.get("with") or {}
    include = tuple(str(c if isinstance(c, str) else c.name) for c in (opts.get("include") or ()))
    return m.Index(
        name=_name(index) or naming.index_name(table.name, names_for_default),
        elements=_with_statistics(index, elements),
        unique=bool(index.unique),
        method=(opts.get("using") or "btree").lower(),
        where=normalize_expression(_sql(where)) if where is not None else None,
        include=include,
        with_=tuple(sorted((str(k), str(v)) for k, v in with_.items())),
        nulls_not_distinct=bool(opts.get("nulls_not_distinct")),
        concurrently=bool(opts.get("concurrently")),
        comment=_info_comment(index),
    )


def _with_statistics(index: SAIndex, elements: list[m.IndexElement]) -> tuple[m.IndexElement, ...]:
    """``info={"pgshift": {"statistics": {2: 500}}}``: statistics targets of expression keys by position
    (1-based, as ``ALTER INDEX ... ALTER COLUMN 2 SET STATISTICS 500`` numbers them)."""
    info = index.info.get("pgshift", {}) if isinstance(index.info, dict) else {}
    targets = info.get("statistics") if isinstance(info, dict) else None
    if not targets:
        return tuple(elements)
    by_position = {int(k): int(v) for k, v in dict(targets).items()}
    return tuple(
        replace(e, statistics=by_position[p]) if p in by_position else e
        for p, e in enumerate(elements, start=1)
    )


def _info_comment(item: Any) -> str | None:
    """``info={"pgshift": {"comment": ...}}``: the comment of an Index or an ExcludeConstraint, whose
    SQLAlchemy classes take no ``comment=`` (the exclusion constraint accepts one and drops it)."""
    info = item.info.get("pgshift", {}) if isinstance(item.info, dict) else {}
    return (info.get("comment") or None) if isinstance(info, dict) else None


def _info_flag(item: Any, key: str) -> bool:
    """``info={"pgshift": {key: True}}``: a PostgreSQL 18 clause SQLAlchemy has no argument for
    (``not_enforced`` on a CHECK or foreign key, ``without_overlaps`` on a primary key or unique: its last
    column). SQLAlchemy's own ``create_all`` does not see it; pgshift's migrations write it."""
    info = item.info.get("pgshift", {}) if isinstance(item.info, dict) else {}
    return bool(info.get(key)) if isinstance(info, dict) else False


def _text_keys(text: str) -> list[IndexKey]:
    """The index keys SQL text holds; text that is no key list stays one expression (generate's parse
    check then names the index)."""
    keys = index_keys(text)
    if keys is None:
        return [IndexKey(column=None, expression=text)]
    return keys


def _element_of(
    key: IndexKey, descending: bool, nulls_first: bool | None, ops: dict[str, str]
) -> m.IndexElement:
    """An index element from parsed key text; ``.desc()`` / ``.nulls_first()`` around the text and
    ``postgresql_ops`` add to what the text says."""
    descending = descending or key.descending
    nulls = nulls_first if nulls_first is not None else key.nulls_first
    text = key.column if key.column is not None else normalize_expression(key.expression or "")
    return m.IndexElement(
        expression=text,
        is_expression=key.column is None,
        descending=descending,
        nulls_first=m.nondefault_nulls(nulls, descending),
        opclass=ops.get(text) or key.opclass,
        collation=key.collation,
    )


def _policy(raw: dict[str, Any]) -> m.Policy:
    return m.Policy(
        name=raw["name"],
        permissive=bool(raw.get("permissive", True)),
        command=str(raw.get("command", "ALL")).upper(),  # type: ignore[arg-type]
        roles=tuple(raw.get("roles", ("public",))),
        using=normalize_expression(raw["using"]) if raw.get("using") else None,
        with_check=normalize_expression(raw["with_check"]) if raw.get("with_check") else None,
        comment=raw.get("comment") or None,
    )


def _sequence(seq: SASequence) -> m.Sequence:
    data_type = None
    if seq.data_type is not None:
        data_type = normalize_type(seq.data_type.compile(dialect=DIALECT))
    return m.Sequence(
        schema=str(seq.schema or PUBLIC),
        name=str(seq.name),
        options=_options(seq, data_type),
        data_type=None if data_type == "bigint" else data_type,
    )


# -- expressions ------------------------------------------------------------------------------------


def _sql(expr: Any) -> str:
    """SQL text of a SQLAlchemy expression, literal values inlined, column names without table prefix."""
    if isinstance(expr, str):
        return expr
    arguments = getattr(expr, "clauses", None) if isinstance(expr, Function) else None
    if isinstance(arguments, ClauseList) and not arguments.clauses:
        # A call without arguments (``func.now()`` as the default of a column in every table) is spelled
        # by its class, name and package alone: compiled once per spelling. (``Sequence.next_value()``,
        # spelled from its sequence, has no argument list at all: compiled every time.)
        key = (type(expr), str(getattr(expr, "name", "")), tuple(getattr(expr, "packagenames", ())))
        if (text := _CALLS.get(key)) is None:
            text = _CALLS[key] = _compile(expr)
        return text
    if isinstance(expr, ClauseElement):
        return _compile(expr)
    return str(expr)


_CALLS: dict[tuple[type, str, tuple[str, ...]], str] = {}


def _compile(expr: ClauseElement) -> str:
    compiled = expr.compile(dialect=DIALECT, compile_kwargs={"literal_binds": True, "include_table": False})
    return str(compiled)


def _first_column(expression: str) -> str | None:
    """The first column an expression references (Postgres names a CHECK after it)."""
    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return None
    first: tuple[int, str] | None = None
    for node in postgast.find_nodes(tree, ColumnRef):
        fields = [f.string.sval for f in node.fields if f.HasField("string")]
        if fields and (first is None or node.location < first[0]):
            first = (node.location, fields[-1])
    return first[1] if first else None
