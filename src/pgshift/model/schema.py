"""pgshift's typed schema model: what schema code, a live database and a snapshot file all become.

Every source (SQLAlchemy MetaData, catalog queries, a Drizzle v7 snapshot) is converted into this one
model, and one differ compares two models. The model is *normalised*: two schemas that Postgres would
store identically produce equal models. That is what keeps phantom diffs away, so the rules are strict:

- Names are stored exactly as Postgres stores them (case preserved, unquoted).
- ``Column.type`` is a parsed ``pgshift.model.types.SqlType`` whose spelling is canonical (Drizzle's
  spelling: ``integer``, ``varchar(255)``, ``timestamp (3) with time zone``, ``numeric(10, 2)``,
  ``text[]``). Enum and other user-defined types carry their bare name and their schema; arrays keep
  their depth. Sources build it once (``SqlType.parse`` / ``SqlType.of``); consumers never re-parse.
- ``serial``/``smallserial``/``bigserial`` stay as types (like Drizzle), rather than integer plus an
  owned sequence and a nextval() default; the introspector folds the latter back into serial.
- Expressions (defaults, CHECK bodies, index expressions and predicates, generated columns, policy
  clauses) are normalised by ``pgshift.types.normalize_expression`` so spelling differences do not
  count as changes.
- Every constraint and index has a name. When schema code leaves one unnamed, the converter assigns
  the name Postgres itself would (``users_pkey``, ``users_email_key``, ``posts_author_id_fkey``,
  ``users_age_check``), and migrations always name constraints explicitly, so a database created
  from them introspects to the same model.
- Collections are tuples sorted by name (columns keep their declared order), so equal schemas give
  equal models and byte-identical output.

Objects are frozen dataclasses: a model is a value. Build a changed copy with ``dataclasses.replace``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum as _Enum
from functools import cached_property
from typing import Any, Literal, Protocol, TypeVar

from pgshift.model.privileges import DefaultPrivilege as DefaultPrivilege
from pgshift.model.privileges import Grant as Grant
from pgshift.model.types import TEXT_LIKE, SqlType, strip_column_text_casts

ReferentialAction = Literal["no action", "restrict", "cascade", "set null", "set default"]
IdentityKind = Literal["always", "byDefault"]
PolicyCommand = Literal["ALL", "SELECT", "INSERT", "UPDATE", "DELETE"]


@dataclass(frozen=True)
class SequenceOptions:
    """Options of a sequence or of an identity column's implicit sequence.

    Values are decimal strings, as Drizzle stores them (bigint range does not fit a JS number);
    ``None`` means "Postgres's default for the data type".
    """

    increment: str | None = None
    min_value: str | None = None
    max_value: str | None = None
    start_with: str | None = None
    cache: str | None = None
    cycle: bool = False


@dataclass(frozen=True)
class Identity:
    """``GENERATED ALWAYS|BY DEFAULT AS IDENTITY``; ``sequence_name`` is the implicit sequence."""

    kind: IdentityKind
    sequence_name: str | None = None
    options: SequenceOptions = field(default_factory=SequenceOptions)


COLUMN_STORAGE = ("plain", "external", "extended", "main")  # ALTER COLUMN SET STORAGE's words
COLUMN_COMPRESSION = ("pglz", "lz4")


# ``OPTIONS (name 'value', ...)`` of a foreign server, wrapper, foreign table or its column, as
# (name, value) pairs sorted by name: the order they were given in is no part of what they mean.
# An option whose name looks like a credential (``pgshift.urls.is_secret_option``) is never in a model.
Options = tuple[tuple[str, str], ...]


def options_of(pairs: Iterable[tuple[str, str]] | dict[str, str] | None) -> Options:
    """The canonical ``Options`` of ``pairs`` (or a mapping): names and values as text, sorted by name."""
    items = pairs.items() if isinstance(pairs, dict) else (pairs or ())
    return tuple(sorted((str(k), str(v)) for k, v in items))


class SecretOptionError(ValueError):
    """An option whose name looks like a credential, where pgshift would have to write its value."""


def checked_options(options: Any, owner: str) -> Options:
    """``options`` (a mapping or pairs) as ``Options``, refusing a credential-like name (its value is
    never shown: only the name and where it was). Declarations, code and snapshots go through here."""
    from pgshift.urls import is_secret_option

    out = options_of(options)
    for name, _ in out:
        if is_secret_option(name):
            raise SecretOptionError(
                f"{owner}: option {name!r} looks like a credential; pgshift never writes one into a "
                "migration, snapshot or code. Set it by hand on the server (ALTER SERVER ... OPTIONS (ADD "
                f"{name} ...)) or in a user mapping; pgshift then lists it as not managed and leaves it alone"
            )
    return out


@dataclass(frozen=True)
class ForeignTable:
    """What makes a ``Table`` a foreign table (``CREATE FOREIGN TABLE ... SERVER s OPTIONS (...)``):
    the server it reads through and its table options. Kept on the Table rather than as a kind of its
    own because everything else a foreign table has (columns, their types, NOT NULL, defaults, CHECKs,
    comments, INHERITS) is a table's, owned by the table and column modules, and ALTER TABLE changes
    it alike; the differ then only needs to know where the keyword FOREIGN goes and that its server
    cannot change in place (no ``ALTER FOREIGN TABLE ... SERVER``: dropped and created again)."""

    server: str
    options: Options = ()


@dataclass(frozen=True)
class ColumnSettings:
    """How a column is stored and analysed, each None / empty when it is the default: ``statistics``
    (SET STATISTICS), ``storage`` when it is not the type's own (SET STORAGE), ``compression`` (SET
    COMPRESSION), ``options`` as ``pg_attribute.attoptions`` holds them (``n_distinct=10``, sorted)."""

    statistics: int | None = None
    storage: str | None = None
    compression: str | None = None
    options: tuple[str, ...] = ()


# Most columns' settings: one shared value (not 10,000 equal ones), which writers can test cheaply.
NO_COLUMN_SETTINGS = ColumnSettings()


@dataclass(frozen=True)
class Column:
    """A table's column as PostgreSQL keeps it: name, type, nullability, default, identity or generated
    expression, and the settings SQLAlchemy has no construct for."""

    name: str
    type: SqlType
    not_null: bool = False
    default: str | None = None  # normalised SQL expression text
    identity: Identity | None = None
    generated: str | None = None  # expression of a GENERATED ALWAYS AS (...) STORED | VIRTUAL column
    # VIRTUAL (PostgreSQL 18+, its default when neither is written): computed when read, nothing stored.
    # Meaningful only with ``generated``.
    generated_virtual: bool = False
    comment: str | None = None
    settings: ColumnSettings = ColumnSettings()
    # COLLATE of its own, when not the type's: as DDL names it (``collation_sql``: ``"C"``, ``"s"."ci"``)
    collation: str | None = None
    # With ``not_null``: PostgreSQL 18+ keeps NOT NULL as a named constraint: a name other than the default
    # ``<table>_<column>_not_null`` (pg/naming.not_null_name); None for the default (and before 18).
    not_null_name: str | None = None
    # With ``not_null``: PostgreSQL 18+ ``ADD CONSTRAINT x NOT NULL col NOT VALID``: existing rows are not
    # checked (attnotnull is true all the same); validated when the code says valid, never un-validated.
    not_null_not_valid: bool = False
    # A foreign table's column: its ``OPTIONS (...)`` (``column_name 'id'``), sorted by name
    # (``pg_attribute.attfdwoptions``); always empty on other tables. Secret-looking names never here.
    foreign_options: Options = ()

    @property
    def is_serial(self) -> bool:
        return self.type.is_serial


def new_column(
    *,
    name: str,
    type: SqlType,
    not_null: bool,
    default: str | None,
    identity: Identity | None,
    generated: str | None,
    generated_virtual: bool,
    comment: str | None,
    settings: ColumnSettings,
    collation: str | None,
    not_null_name: str | None,
    not_null_not_valid: bool,
    foreign_options: Options,
) -> Column:
    """``Column(...)`` of every field, without the frozen dataclass's ``__init__``, which sets each of the
    13 fields through ``object.__setattr__`` (2.0 against 0.4 µs): code with 10,000 columns makes them
    all in one go (``pgshift.sources.from_sqlalchemy``). The instance is the same (same ``__dict__``, in
    field order; still frozen); a test keeps the fields here and the class's the same."""
    column = _new(Column)
    fields = column.__dict__  # item by item, in field order: it keeps the class's shared-key dict
    fields["name"] = name
    fields["type"] = type
    fields["not_null"] = not_null
    fields["default"] = default
    fields["identity"] = identity
    fields["generated"] = generated
    fields["generated_virtual"] = generated_virtual
    fields["comment"] = comment
    fields["settings"] = settings
    fields["collation"] = collation
    fields["not_null_name"] = not_null_name
    fields["not_null_not_valid"] = not_null_not_valid
    fields["foreign_options"] = foreign_options
    return column


_new = object.__new__


@dataclass(frozen=True)
class PrimaryKey:
    """A table's PRIMARY KEY constraint: its name, columns and deferrability."""

    name: str
    columns: tuple[str, ...]
    deferrable: bool = False
    initially_deferred: bool = False
    # PostgreSQL 18+ temporal key: ``PRIMARY KEY (id, valid WITHOUT OVERLAPS)``; the last column is the
    # range whose values may not overlap among rows equal in the others (pg_constraint.conperiod)
    without_overlaps: bool = False
    comment: str | None = None  # COMMENT ON CONSTRAINT (every constraint and index may carry one)


@dataclass(frozen=True)
class ForeignKey:
    """A FOREIGN KEY constraint: the referencing columns, the referenced table and columns, the actions."""

    name: str
    columns: tuple[str, ...]
    ref_schema: str
    ref_table: str
    ref_columns: tuple[str, ...]
    on_delete: ReferentialAction = "no action"
    on_update: ReferentialAction = "no action"
    deferrable: bool = False
    initially_deferred: bool = False
    not_valid: bool = False  # exists unvalidated (ADD ... NOT VALID without VALIDATE); never re-validated
    # PostgreSQL 18+: kept in the catalog, never checked (pg_constraint.conenforced false); such a
    # constraint is never valid either, so ``not_valid`` is False with it (the model has one spelling)
    not_enforced: bool = False
    comment: str | None = None
    match_full: bool = False  # MATCH FULL (MATCH SIMPLE, the default, otherwise; PARTIAL does not exist)
    # ON DELETE SET NULL / SET DEFAULT (a, b): only these columns (PostgreSQL 15+); () = all of them
    on_delete_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class UniqueConstraint:
    """A UNIQUE constraint (a unique index is an ``Index`` with ``unique``: another catalog object)."""

    name: str
    columns: tuple[str, ...]
    nulls_not_distinct: bool = False
    deferrable: bool = False
    initially_deferred: bool = False
    without_overlaps: bool = False  # PostgreSQL 18+: the last column WITHOUT OVERLAPS (see PrimaryKey)
    comment: str | None = None


@dataclass(frozen=True)
class CheckConstraint:
    """A CHECK constraint, its expression normalised as the server spells it."""

    name: str
    expression: str  # normalised, without the surrounding CHECK ( )
    not_valid: bool = False  # exists unvalidated: read back as NOT VALID, created NOT VALID, not validated
    not_enforced: bool = False  # PostgreSQL 18+: never checked (see ForeignKey.not_enforced)
    comment: str | None = None


@dataclass(frozen=True)
class ExcludeConstraint:
    """``EXCLUDE USING gist (during WITH &&) WHERE (room > 0)``: ``definition`` is everything after the
    constraint's name, in the parser's canonical spelling (pgshift.model.types.normalize_exclude)."""

    name: str
    definition: str
    deferrable: bool = False
    initially_deferred: bool = False
    comment: str | None = None


@dataclass(frozen=True)
class Partition:
    """A partition of a partitioned table: ``bound`` is ``FOR VALUES ...`` or ``DEFAULT``, normalised
    (pgshift.model.types.normalize_partition_bound). Its columns, constraints and indexes are the
    parent's, but for ``defaults`` (a column's own DEFAULT, None for none where the parent has one; by
    column name, sorted) and ``checks`` (CHECK constraints of its own). Partitions with a shape of their
    own beyond that (sub-partitions, extra indexes) are not modelled. ``foreign``: a foreign table that is
    the partition (``CREATE FOREIGN TABLE ... PARTITION OF ... SERVER s``); its columns' own OPTIONS are
    not modelled (named as not managed)."""

    schema: str
    name: str
    bound: str
    comment: str | None = None
    defaults: tuple[tuple[str, str | None], ...] = ()
    checks: tuple[CheckConstraint, ...] = ()
    foreign: ForeignTable | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)


def nulls_first_default(descending: bool) -> bool:
    """Postgres sorts NULLs last in ascending order and first in descending order."""
    return descending


def nondefault_nulls(nulls_first: bool | None, descending: bool) -> bool | None:
    """``nulls_first`` as the model stores it: None when it is the direction's default (or unspoken)."""
    return None if nulls_first is None or nulls_first == nulls_first_default(descending) else nulls_first


@dataclass(frozen=True)
class IndexElement:
    """One key of an index: a column name, or an expression when ``is_expression``."""

    expression: str
    is_expression: bool = False
    descending: bool = False
    nulls_first: bool | None = None  # None = the default for the direction (last for ASC, first for DESC)
    opclass: str | None = None
    collation: str | None = None
    # ALTER INDEX ... ALTER COLUMN <position> SET STATISTICS: an expression key's statistics target
    # (PostgreSQL refuses one on a plain column key; None is the default)
    statistics: int | None = None

    @property
    def sorts_nulls_first(self) -> bool:
        return self.nulls_first if self.nulls_first is not None else nulls_first_default(self.descending)


@dataclass(frozen=True)
class Index:
    """An index: its elements (columns or expressions), method, uniqueness, predicate and options."""

    name: str
    elements: tuple[IndexElement, ...]
    unique: bool = False
    method: str = "btree"
    where: str | None = None  # normalised predicate of a partial index
    include: tuple[str, ...] = ()
    with_: tuple[tuple[str, str], ...] = ()  # storage parameters, sorted by name
    nulls_not_distinct: bool = False
    concurrently: bool = False  # Drizzle's flag: the author asked for CREATE INDEX CONCURRENTLY
    comment: str | None = None


@dataclass(frozen=True)
class Policy:
    """A row-level-security policy on a table."""

    name: str
    permissive: bool = True
    command: PolicyCommand = "ALL"
    roles: tuple[str, ...] = ("public",)
    using: str | None = None
    with_check: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Table:
    """A table and what it contains: columns, constraints, indexes, policies, partitions, settings."""

    schema: str
    name: str
    columns: tuple[Column, ...] = ()
    primary_key: PrimaryKey | None = None
    foreign_keys: tuple[ForeignKey, ...] = ()
    unique_constraints: tuple[UniqueConstraint, ...] = ()
    check_constraints: tuple[CheckConstraint, ...] = ()
    indexes: tuple[Index, ...] = ()
    policies: tuple[Policy, ...] = ()
    rls_enabled: bool = False
    comment: str | None = None
    exclude_constraints: tuple[ExcludeConstraint, ...] = ()
    unlogged: bool = False
    # ``RANGE (issued)``, ``LIST (region)``, ``HASH (id)`` (normalised); None for a plain table.
    partition_by: str | None = None
    partitions: tuple[Partition, ...] = ()  # sorted by qualified name
    # Parents (``schema.name``) in INHERITS order. ``columns`` then holds only the columns it does not
    # inherit: the inherited ones are the parents', also one the table declares again (attislocal).
    inherits: tuple[str, ...] = ()
    # ``WITH (...)`` as ``pg_class.reloptions`` holds it (``fillfactor=70``; ``toast.`` for the TOAST
    # table's), sorted: pg/parser.py's ``storage_parameters`` is the one spelling.
    storage_parameters: tuple[str, ...] = ()
    clustered_on: str | None = None  # the index ALTER TABLE ... CLUSTER ON marked (a key's index too)
    # ``USING <am>`` (``pg_class.relam``): None for heap, PostgreSQL's built-in and default one
    # (``canonical_table`` makes an explicit ``heap`` None). pgshift does not create access methods.
    access_method: str | None = None
    # A foreign table's server and options (None for every other table): see ``ForeignTable``.
    foreign: ForeignTable | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)

    def column(self, name: str) -> Column | None:
        return self._columns_by_name.get(name)

    @cached_property
    def _columns_by_name(self) -> dict[str, Column]:
        """``column()``'s index, built on first use: the differ looks up every column of every table,
        and a scan each time made a wide table quadratic. Not a field (equality, hashing and
        ``replace`` ignore it; a replaced table builds its own)."""
        out: dict[str, Column] = {}
        for column in self.columns:
            out.setdefault(column.name, column)
        return out


@dataclass(frozen=True)
class Enum:
    """An enum type and its values, in their order (the order is part of the type)."""

    schema: str
    name: str
    values: tuple[str, ...]
    comment: str | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)


@dataclass(frozen=True)
class Sequence:
    """A sequence of its own (not one a serial or identity column owns), with its options."""

    schema: str
    name: str
    options: SequenceOptions = field(default_factory=SequenceOptions)
    data_type: str | None = None  # AS smallint|integer|bigint; None = bigint
    comment: str | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)


@dataclass(frozen=True)
class View:
    """A view or materialized view, its SELECT normalised as the server spells it."""

    schema: str
    name: str
    definition: str  # the SELECT, normalised
    materialized: bool = False
    with_: tuple[tuple[str, str], ...] = ()
    with_no_data: bool = False
    # Indexes of a materialized view (a plain view has none), sorted by name; REFRESH ... CONCURRENTLY
    # needs a unique one. They, the comment and the column comments change in place: the query is the view.
    indexes: tuple[Index, ...] = ()
    comment: str | None = None
    column_comments: tuple[tuple[str, str], ...] = ()  # (column, comment), sorted by column
    clustered_on: str | None = None  # the index of a materialized view CLUSTER ON marked (changes in place)
    # ALTER VIEW ... ALTER COLUMN c SET DEFAULT (an INSERT through the view gets it): (column, expression
    # as the server prints it), sorted by column; changes in place
    column_defaults: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)

    @property
    def query_only(self) -> View:
        """The view without what changes in place (indexes, comments, the clustered index): equal ones
        need no rebuild."""
        return View(self.schema, self.name, self.definition, self.materialized, self.with_, self.with_no_data)


class RoutineKind(_Enum):
    """``pg_proc.prokind``: what CREATE/DROP statement a routine takes (window functions are functions)."""

    FUNCTION = "function"
    PROCEDURE = "procedure"
    AGGREGATE = "aggregate"


@dataclass(frozen=True)
class Function:
    """A function, procedure or aggregate, in the server's canonical form.

    ``definition`` is the whole CREATE statement as the server prints it (``pg_get_functiondef``; for
    aggregates, rebuilt from ``pg_aggregate``), so code is never compared with the catalog as text written
    by people: declarations are run on a scratch database and read back (``pgshift.api.scratch``).
    ``identity_args`` (``pg_get_function_identity_arguments``) tells overloads apart; ``arguments`` (with
    names and defaults) and ``result`` decide whether ``CREATE OR REPLACE`` may change it in place.
    """

    schema: str
    name: str
    kind: RoutineKind
    identity_args: str
    arguments: str
    result: str | None
    definition: str
    comment: str | None = None

    @property
    def key(self) -> str:
        return f"{qualified(self.schema, self.name)}({self.identity_args})"


TriggerEnabled = Literal[
    "O", "D", "R", "A"
]  # pg_trigger.tgenabled: origin (default), disabled, replica, always


@dataclass(frozen=True)
class Trigger:
    """A trigger on a table or view; ``definition`` is ``pg_get_triggerdef`` (the whole CREATE TRIGGER).

    ``function`` is the key (``schema.name(args)``) of the function it runs, so a rebuilt function
    takes its triggers with it."""

    schema: str
    table: str
    name: str
    definition: str
    function: str
    enabled: TriggerEnabled = "O"
    comment: str | None = None

    @property
    def key(self) -> str:
        return f"{qualified(self.schema, self.table)}.{self.name}"

    @property
    def table_key(self) -> str:
        return qualified(self.schema, self.table)


@dataclass(frozen=True)
class Rule:
    """A rewrite rule; ``definition`` is ``pg_get_ruledef`` (the whole CREATE RULE)."""

    schema: str
    table: str
    name: str
    definition: str
    comment: str | None = None

    @property
    def key(self) -> str:
        return f"{qualified(self.schema, self.table)}.{self.name}"

    @property
    def table_key(self) -> str:
        return qualified(self.schema, self.table)


@dataclass(frozen=True)
class EventTrigger:
    """An event trigger (``pg_event_trigger``): database-wide, not in a schema, found by its name.

    ``tags`` is ``WHEN TAG IN (...)`` as the server stores it (empty: every command). The function it
    runs (``function_schema``.``function_name``, no arguments) decides where it belongs: an event
    trigger is part of the model of the schemas holding its function, so the schema filters that keep
    the function keep the trigger with it (``catalog/event_triggers.sql``), and a rebuilt function takes
    it along. ``enabled`` is ``evtenabled`` (``ALTER EVENT TRIGGER ... ENABLE/DISABLE``, changed in place);
    its owner is whoever creates it (a superuser) and is not part of the model."""

    name: str
    event: str  # ddl_command_start, ddl_command_end, sql_drop, table_rewrite (login from 17)
    function_schema: str
    function_name: str
    tags: tuple[str, ...] = ()
    enabled: TriggerEnabled = "O"
    comment: str | None = None

    @property
    def key(self) -> str:
        return self.name

    @property
    def schema(self) -> str:
        """The schema of its function: what schema filters go by (see the class docstring)."""
        return self.function_schema

    @property
    def function(self) -> str:
        """The key of the function it runs (``schema.name()``), as ``Function.key`` spells it."""
        return f"{qualified(self.function_schema, self.function_name)}()"


@dataclass(frozen=True)
class ForeignDataWrapper:
    """A foreign-data wrapper made by hand (``CREATE FOREIGN DATA WRAPPER``; those an extension such as
    postgres_fdw makes belong to the extension and are not here). Database-wide, found by its name.
    ``handler`` / ``validator``: the functions, ``schema.name`` (None: NO HANDLER / NO VALIDATOR)."""

    name: str
    handler: str | None = None
    validator: str | None = None
    options: Options = ()
    comment: str | None = None

    @property
    def key(self) -> str:
        return self.name

    @property
    def schema(self) -> None:
        """Database-wide: in no schema (managed once the code declares one: ``api.managed.OPT_IN``)."""
        return None


@dataclass(frozen=True)
class ForeignServer:
    """A foreign server (``CREATE SERVER name [TYPE t] [VERSION v] FOREIGN DATA WRAPPER w OPTIONS
    (...)``): database-wide, found by its name. ``options`` never holds one whose name looks like a
    credential (``pgshift.urls.is_secret_option``: ``password``, ``sslpassword``, ...): those are read
    by name only and listed as not managed, and left alone by ``ALTER SERVER ... OPTIONS``. User
    mappings are not modelled (their options hold passwords): listed as not managed."""

    name: str
    wrapper: str
    type: str | None = None
    version: str | None = None
    options: Options = ()
    comment: str | None = None

    @property
    def key(self) -> str:
        return self.name

    @property
    def schema(self) -> None:
        """Database-wide: in no schema (managed once the code declares one: ``api.managed.OPT_IN``)."""
        return None


@dataclass(frozen=True)
class Statistics:
    """An extended statistics object (``CREATE STATISTICS``, ``pg_statistic_ext``). ``definition`` is
    ``pg_get_statisticsobjdef`` (the whole CREATE STATISTICS, its name always qualified); ``target`` is
    ``ALTER STATISTICS ... SET STATISTICS`` (None: the default, which PostgreSQL 15-16 store as -1 and
    17+ as NULL). Its name is unique in its schema, which may differ from its table's."""

    schema: str
    name: str
    table_schema: str
    table: str
    definition: str
    target: int | None = None
    comment: str | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)

    @property
    def table_key(self) -> str:
        return qualified(self.table_schema, self.table)


PUBLISH_ALL: tuple[str, ...] = ("insert", "update", "delete", "truncate")  # WITH (publish = ...)'s default


@dataclass(frozen=True)
class PublicationTable:
    """One table of a publication (``pg_publication_rel``): its column list (PostgreSQL 15+; empty: every
    column), kept sorted by name because PostgreSQL keeps it as a set (printed in column-position order,
    which a column dropped and added back changes), and its row filter as ``pg_get_expr`` prints it."""

    schema: str
    table: str
    columns: tuple[str, ...] = ()
    where: str | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.table)


@dataclass(frozen=True)
class Publication:
    """A publication (``pg_publication``, logical replication): database-wide, not in a schema, found by
    its name. It publishes ``FOR ALL TABLES``, or the ``tables`` it lists (sorted by key) and every table
    of the ``schemas`` it lists (``TABLES IN SCHEMA``, 15+); ``publish`` is the operations it sends, in
    PostgreSQL's order (``PUBLISH_ALL`` by default); ``via_root`` is ``publish_via_partition_root``;
    ``generated_columns`` is ``publish_generated_columns = stored`` (PostgreSQL 18+; written only when set,
    so 15-17 never see the option).

    Which are managed: one naming no table or schema outside the managed schemas (FOR ALL TABLES and empty
    ones included: they name nothing a schema filter could place elsewhere); one naming anything outside
    is listed as not managed and never dropped (``catalog/publications.sql``, ``catalog/unmanaged.sql``).
    Its owner is left alone, like every owner."""

    name: str
    all_tables: bool = False
    tables: tuple[PublicationTable, ...] = ()
    schemas: tuple[str, ...] = ()
    publish: tuple[str, ...] = PUBLISH_ALL
    via_root: bool = False
    comment: str | None = None
    generated_columns: bool = False

    @property
    def key(self) -> str:
        return self.name

    @property
    def schema(self) -> str | None:
        """None: a publication belongs to no schema (what it names does: ``named_schemas``)."""
        return None

    @property
    def named_schemas(self) -> frozenset[str]:
        """The schemas of the tables it lists and the schemas it publishes whole."""
        return frozenset({t.schema for t in self.tables} | set(self.schemas))


def canonical_publication(p: Publication) -> Publication:
    """Tables sorted by key with their columns sorted, schemas sorted, ``publish`` in PostgreSQL's order."""
    tables = tuple(
        sorted((replace(t, columns=tuple(sorted(t.columns))) for t in p.tables), key=lambda t: t.key)
    )
    publish = tuple(op for op in PUBLISH_ALL if op in p.publish)
    ordered = replace(p, tables=tables, schemas=tuple(sorted(set(p.schemas))), publish=publish)
    return p if ordered == p else ordered


@dataclass(frozen=True)
class TextSearchDictionary:
    """A text search dictionary (``CREATE TEXT SEARCH DICTIONARY``, ``pg_ts_dict``): its template (C-level,
    not managed: built in or an extension's) and its options (``dictinitoption``) as (name, value) pairs
    in name order — PostgreSQL keeps them as a list an ALTER reorders, and every template reads them by
    name. Values are text: the catalog stores every value quoted."""

    schema: str
    name: str
    template_schema: str
    template: str
    options: tuple[tuple[str, str], ...] = ()
    comment: str | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)


@dataclass(frozen=True)
class TextSearchMapping:
    """One token type of a configuration's parser (``ts_token_type``'s alias, ``word``) and the
    dictionaries it is looked up in, in order, as (schema, name) pairs."""

    token: str
    dictionaries: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TextSearchConfiguration:
    """A text search configuration (``pg_ts_config``): its parser (C-level, not managed) and its mappings
    in token-type order (``pg_ts_config_map``). One created with ``COPY = english`` is the same thing: the
    copied parser and mappings, so the model holds no trace of where it came from."""

    schema: str
    name: str
    parser_schema: str
    parser: str
    mappings: tuple[TextSearchMapping, ...] = ()
    comment: str | None = None

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)

    @property
    def dictionaries(self) -> set[str]:
        """The keys (``schema.name``) of the dictionaries it maps to."""
        return {qualified(s, n) for mapping in self.mappings for s, n in mapping.dictionaries}


CastContext = Literal["e", "a", "i"]  # pg_cast.castcontext: explicit only, AS ASSIGNMENT, AS IMPLICIT
CastMethod = Literal["f", "b", "i"]  # pg_cast.castmethod: WITH FUNCTION, WITHOUT FUNCTION, WITH INOUT


@dataclass(frozen=True)
class Cast:
    """A user-defined cast (``CREATE CAST``, ``pg_cast``): database-wide, found by its source and target
    types (``format_type``'s spelling). ``function`` is ``schema.name(argument types)``, quoted as
    needed, when ``method`` is ``"f"``. There is no ALTER CAST: any change but the comment is a drop and
    a create. It belongs to the schema of its function, else of its source type, else of its target
    (``schema``): schema filters keep it with that schema (``catalog/casts.sql``); a cast between two
    built-in types without a function belongs to ``pg_catalog`` and is listed as not managed."""

    source: str
    target: str
    schema: str
    method: CastMethod = "f"
    function: str | None = None
    context: CastContext = "e"
    comment: str | None = None

    @property
    def key(self) -> str:
        return f"({self.source} AS {self.target})"


@dataclass(frozen=True)
class Operator:
    """A user-defined operator (``CREATE OPERATOR``, ``pg_operator``), found by schema, name and operand
    types (``left`` None for a prefix operator). Functions are named ``schema.name`` (quoted as needed;
    ``restrict``/``join`` too, built-in ones as ``pg_catalog.eqsel``), ``commutator``/``negator`` as
    ``schema.op``. Shell operators (made by a COMMUTATOR/NEGATOR naming an operator not yet defined) are
    not held. Only ``restrict``, ``join`` and the comment change in place (``ALTER OPERATOR ... SET``);
    anything else is a drop and a create."""

    schema: str
    name: str
    left: str | None
    right: str
    function: str
    commutator: str | None = None
    negator: str | None = None
    restrict: str | None = None
    join: str | None = None
    hashes: bool = False
    merges: bool = False
    comment: str | None = None

    @property
    def key(self) -> str:
        return f"{qualified(self.schema, self.name)}({self.left or 'NONE'}, {self.right})"


class ObjectKind(_Enum):
    """Kinds kept as the one CREATE statement the catalog query prints (``catalog/defined.sql``), in the
    order they are created (an extension brings types, a collation serves domains and ranges)."""

    EXTENSION = "extension"
    COLLATION = "collation"
    DOMAIN = "domain"
    RANGE = "range type"
    COMPOSITE = "composite type"


@dataclass(frozen=True)
class DefinedObject:
    """An extension, collation, domain, range or composite type: its CREATE statement as the server
    prints its parts (types by ``format_type``, constraints by ``pg_get_constraintdef``)."""

    kind: ObjectKind
    schema: str
    name: str
    definition: str
    comment: str | None = None
    # Comments on its parts, as (COMMENT ON target, text) sorted by target: a domain's constraints
    # (``CONSTRAINT "c" ON DOMAIN "s"."d"``), a composite type's attributes (``COLUMN "s"."t"."a"``).
    part_comments: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        return qualified(self.schema, self.name)


@dataclass(frozen=True)
class Model:
    """A whole database schema. ``schemas`` lists the non-``public`` schemas the model creates."""

    schemas: tuple[str, ...] = ()
    enums: tuple[Enum, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    tables: tuple[Table, ...] = ()
    views: tuple[View, ...] = ()
    functions: tuple[Function, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    rules: tuple[Rule, ...] = ()
    event_triggers: tuple[EventTrigger, ...] = ()
    statistics: tuple[Statistics, ...] = ()  # extended statistics objects
    casts: tuple[Cast, ...] = ()
    operators: tuple[Operator, ...] = ()
    publications: tuple[Publication, ...] = ()  # database-wide (see Publication: which are managed)
    ts_dictionaries: tuple[TextSearchDictionary, ...] = ()
    ts_configurations: tuple[TextSearchConfiguration, ...] = ()
    defined: tuple[DefinedObject, ...] = ()
    grants: tuple[Grant, ...] = ()  # explicit privileges (pgshift.model.privileges)
    default_privileges: tuple[DefaultPrivilege, ...] = ()
    foreign_data_wrappers: tuple[ForeignDataWrapper, ...] = ()  # made by hand, not by an extension
    foreign_servers: tuple[ForeignServer, ...] = ()
    # (schema, comment) for the schemas in ``schemas`` that have one, sorted (``public`` is never here)
    schema_comments: tuple[tuple[str, str], ...] = ()

    def schema_comment(self, name: str) -> str | None:
        return dict(self.schema_comments).get(name)

    def table(self, schema: str, name: str) -> Table | None:
        return self._tables_by_key.get(qualified(schema, name))

    def enum(self, schema: str, name: str) -> Enum | None:
        return self._enums_by_key.get(qualified(schema, name))

    @cached_property
    def _tables_by_key(self) -> dict[str, Table]:
        """``table()``'s index, built once per model on first use: the differ and the renderers look
        tables up by name for every table, foreign key and partition, and a scan each time was
        quadratic on a 1,000-table schema. Not a field: equality, hashing and ``replace`` ignore it."""
        out: dict[str, Table] = {}
        for table in self.tables:
            out.setdefault(table.key, table)
        return out

    @cached_property
    def _enums_by_key(self) -> dict[str, Enum]:
        out: dict[str, Enum] = {}
        for enum in self.enums:
            out.setdefault(enum.key, enum)
        return out


def qualified(schema: str, name: str) -> str:
    """The dictionary key Drizzle snapshots use: ``schema.name``."""
    return f"{schema}.{name}"


def build_model(
    *,
    schemas: Iterable[str] = (),
    enums: Iterable[Enum] = (),
    sequences: Iterable[Sequence] = (),
    tables: Iterable[Table] = (),
    views: Iterable[View] = (),
    functions: Iterable[Function] = (),
    triggers: Iterable[Trigger] = (),
    rules: Iterable[Rule] = (),
    event_triggers: Iterable[EventTrigger] = (),
    statistics: Iterable[Statistics] = (),
    casts: Iterable[Cast] = (),
    operators: Iterable[Operator] = (),
    publications: Iterable[Publication] = (),
    ts_dictionaries: Iterable[TextSearchDictionary] = (),
    ts_configurations: Iterable[TextSearchConfiguration] = (),
    defined: Iterable[DefinedObject] = (),
    grants: Iterable[Grant] = (),
    default_privileges: Iterable[DefaultPrivilege] = (),
    foreign_data_wrappers: Iterable[ForeignDataWrapper] = (),
    foreign_servers: Iterable[ForeignServer] = (),
    schema_comments: Iterable[tuple[str, str | None]] = (),
) -> Model:
    """Assemble a Model in canonical order (sorted by qualified name), whatever the source order.

    Within a table, columns keep their order; constraints, indexes and policies are sorted by name.
    Every converter should finish with this so that equal schemas compare equal.
    """
    kept = tuple(sorted(set(schemas) - {"public"}))
    return Model(
        schemas=kept,
        enums=tuple(sorted(enums, key=lambda e: e.key)),
        sequences=tuple(sorted(sequences, key=lambda s: s.key)),
        tables=tuple(sorted((canonical_table(t) for t in tables), key=lambda t: t.key)),
        views=tuple(sorted((canonical_view(v) for v in views), key=lambda v: v.key)),
        functions=tuple(sorted(functions, key=lambda f: f.key)),
        triggers=tuple(sorted(triggers, key=lambda t: t.key)),
        rules=tuple(sorted(rules, key=lambda r: r.key)),
        event_triggers=tuple(sorted(event_triggers, key=lambda e: e.key)),
        statistics=tuple(sorted(statistics, key=lambda s: s.key)),
        casts=tuple(sorted(casts, key=lambda c: c.key)),
        operators=tuple(sorted(operators, key=lambda o: o.key)),
        publications=tuple(sorted((canonical_publication(p) for p in publications), key=lambda p: p.key)),
        ts_dictionaries=tuple(sorted(ts_dictionaries, key=lambda d: d.key)),
        ts_configurations=tuple(sorted(ts_configurations, key=lambda c: c.key)),
        defined=tuple(sorted(defined, key=lambda d: (list(ObjectKind).index(d.kind), d.key))),
        grants=tuple(sorted(grants, key=lambda g: g.key)),
        default_privileges=tuple(sorted(default_privileges, key=lambda d: d.key)),
        foreign_data_wrappers=tuple(sorted(foreign_data_wrappers, key=lambda w: w.key)),
        foreign_servers=tuple(sorted(foreign_servers, key=lambda s: s.key)),
        schema_comments=tuple(sorted((s, c) for s, c in schema_comments if c and s in kept)),
    )


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_N = TypeVar("_N", bound=_Named)


def _by_name(items: Iterable[_N]) -> tuple[_N, ...]:
    return tuple(sorted(items, key=lambda item: item.name))


def _absorbed(unique: UniqueConstraint, pk: PrimaryKey | None) -> bool:
    """A UNIQUE over exactly the primary key's columns: PostgreSQL keeps only one constraint (the
    primary key; written inline, the key even takes the UNIQUE's name), so the model keeps only the key."""
    return (
        pk is not None
        and unique.columns == pk.columns
        and (unique.deferrable, unique.initially_deferred) == (pk.deferrable, pk.initially_deferred)
    )


HEAP = "heap"  # the built-in table access method, the default of ``default_table_access_method``


def _expression_texts(table: Table) -> Iterator[str]:
    yield from (c.expression for c in table.check_constraints)
    yield from (c.generated for c in table.columns if c.generated)
    for i in table.indexes:
        if i.where:
            yield i.where
        yield from (e.expression for e in i.elements if e.is_expression)
    for p in table.policies:
        yield from (x for x in (p.using, p.with_check) if x)


def _without_coercions(table: Table) -> Table:
    """The table with the ``::text`` / ``::varchar`` casts Postgres adds to its varchar and text columns
    taken out of its expressions (CHECKs, index keys and predicates, generated columns, policies), so the
    catalog's ``(email)::text = 'x'::text`` and the code's ``email = 'x'`` are one; casts on columns of
    other types are the author's and stay (``strip_column_text_casts``)."""
    if not any("::" in text for text in _expression_texts(table)):
        return table  # (most tables: nothing to look at)
    cols = frozenset(c.name for c in table.columns if not c.type.array_dims and c.type.name in TEXT_LIKE)
    if not cols:
        return table

    def strip(text: str | None) -> str | None:
        return strip_column_text_casts(text, cols) if text and "::" in text else text

    def check(c: CheckConstraint) -> CheckConstraint:
        expression = strip(c.expression) or ""
        return c if expression == c.expression else replace(c, expression=expression)

    def element(e: IndexElement) -> IndexElement:
        if not e.is_expression:
            return e
        expression = strip(e.expression) or ""
        return e if expression == e.expression else replace(e, expression=expression)

    def index(i: Index) -> Index:
        where, elements = strip(i.where), tuple(element(e) for e in i.elements)
        return i if (where, elements) == (i.where, i.elements) else replace(i, where=where, elements=elements)

    def policy(p: Policy) -> Policy:
        using, with_check = strip(p.using), strip(p.with_check)
        return (
            p
            if (using, with_check) == (p.using, p.with_check)
            else replace(p, using=using, with_check=with_check)
        )

    def column(c: Column) -> Column:
        generated = strip(c.generated)
        return c if generated == c.generated else replace(c, generated=generated)

    changed: dict[str, Any] = {
        "check_constraints": tuple(check(c) for c in table.check_constraints),
        "indexes": tuple(index(i) for i in table.indexes),
        "policies": tuple(policy(p) for p in table.policies),
        "columns": tuple(column(c) for c in table.columns),
    }
    if all(value == getattr(table, field) for field, value in changed.items()):
        return table
    return replace(table, **changed)


def canonical_table(table: Table) -> Table:
    """Sort a table's named children so that declaration order of constraints never matters.

    ``replace``, not a new ``Table``: a field added to Table later is carried over, never dropped here.
    A table already in that order is returned as it is (a generate reuses the previous snapshot's
    unchanged tables as the very objects the code gave, and the differ then compares them by identity).
    """
    table = _without_coercions(table)
    ordered: dict[str, Any] = {
        "foreign_keys": _by_name(table.foreign_keys),
        "unique_constraints": _by_name(
            u for u in table.unique_constraints if not _absorbed(u, table.primary_key)
        ),
        "check_constraints": _by_name(table.check_constraints),
        "indexes": _by_name(table.indexes),
        "policies": _by_name(table.policies),
        "exclude_constraints": _by_name(table.exclude_constraints),
        "partitions": tuple(sorted(table.partitions, key=lambda p: p.key)),
        "storage_parameters": tuple(sorted(table.storage_parameters)),
        "access_method": None if table.access_method in (None, "", HEAP) else table.access_method,
    }
    if all(value == getattr(table, field) for field, value in ordered.items()):
        return table
    return replace(table, **ordered)


def canonical_view(view: View) -> View:
    """Sort a view's indexes by name and its column comments by column (empty comments are none).

    ``replace``, not a new ``View``: a field added to View later is carried over, never dropped here.
    """
    return replace(
        view,
        indexes=_by_name(view.indexes),
        comment=view.comment or None,
        column_comments=tuple(sorted((c, t) for c, t in view.column_comments if t)),
        column_defaults=tuple(sorted(view.column_defaults)),
    )
