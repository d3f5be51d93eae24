"""Typed schema-change operations: what the differ emits, what migrations and their reverses are made of.

Each operation is a frozen dataclass carrying everything needed to write its SQL AND to undo it (a
dropped column keeps its whole definition), so the down migration is built from ``op.reverse()``
rather than by a second, separate differ. Each knows its hazard-catalogue action (pgshift.hazards),
so ``generate`` can mark risky steps and the linter agrees with it.

Safe forms chosen here, because they cost nothing:
- an index on a table that already exists is built ``CONCURRENTLY`` in its own non-transactional op;
- a FOREIGN KEY or CHECK added to an existing table is added ``NOT VALID`` and validated in a second
  statement (the long scan then takes a lock that lets reads and writes through);
- ``ALTER TYPE ... ADD VALUE`` is non-transactional, so the runner commits the value before a later
  statement of the same migration uses it;
- removing enum values recreates the type (rename away, create, convert each column, drop old).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pgshift.diff import render
from pgshift.diff.hazards import Hazard, HazardKind, binary_coercible, hazards_of
from pgshift.model.schema import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Identity,
    Index,
    IndexElement,
    Policy,
    PrimaryKey,
    Sequence,
    Table,
    UniqueConstraint,
    View,
)
from pgshift.model.types import is_builtin, parse_type, qualified_name, quote_ident, quote_literal, type_sql
from pgshift.pg.functions import volatile_call
from pgshift.pg.naming import owned_sequence_name

Constraint = PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey


class DestroyedKind(enum.Enum):
    """What kind of stored thing an operation deletes for good (its reverse restores the shape only)."""

    SCHEMA = "schema"
    TABLE = "table"
    COLUMN = "column"
    SEQUENCE = "sequence"  # its position
    TYPE = "type"
    ENUM_VALUE = "enum value"  # rows holding it make the op fail rather than lose data


@dataclass(frozen=True)
class Destroyed:
    """One thing an operation destroys: ``name`` is the schema, table, sequence, type or enum value;
    ``table`` and ``column`` locate a column (``name`` is then the column)."""

    kind: DestroyedKind
    schema: str
    name: str
    table: str | None = None

    @property
    def what(self) -> str:
        if self.kind is DestroyedKind.COLUMN:
            return f"column {self.table}.{self.name}"
        return f"{self.kind.value} {self.name}"


class Operation:
    """Interface shared by every operation (see module docstring)."""

    transactional: bool = True

    @property
    def action(self) -> str:
        raise NotImplementedError

    @property
    def subject(self) -> str:
        raise NotImplementedError

    def sql(self) -> list[str]:
        raise NotImplementedError

    def reverse(self) -> Operation | None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def destroys(self) -> tuple[Destroyed, ...]:
        """What running this deletes for good; the one answer generate, push and rollback share."""
        return ()

    def hazards(self) -> tuple[Hazard, ...]:
        found = hazards_of(self.action, self.subject)
        if not self.transactional and not any(h.kind is HazardKind.NON_TRANSACTIONAL for h in found):
            found += (Hazard(HazardKind.NON_TRANSACTIONAL, f"{self.subject}: runs outside a transaction"),)
        return found


def _t(schema: str, table: str) -> str:
    return qualified_name(schema, table)


def _subject(schema: str, *names: str) -> str:
    return ".".join((schema, *names))


def _alter(schema: str, table: str) -> str:
    return f"ALTER TABLE {_t(schema, table)}"


# --- schemas ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateSchema(Operation):
    name: str
    action = "create_schema"

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        return [f"CREATE SCHEMA {quote_ident(self.name)};"]

    def reverse(self) -> Operation:
        return DropSchema(self.name)

    def describe(self) -> str:
        return f"create schema {self.name}"


@dataclass(frozen=True)
class DropSchema(Operation):
    name: str
    action = "drop_schema"

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        return [f"DROP SCHEMA {quote_ident(self.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.SCHEMA, self.name, self.name),)

    def reverse(self) -> Operation:
        return CreateSchema(self.name)

    def describe(self) -> str:
        return f"drop schema {self.name}"


@dataclass(frozen=True)
class RenameSchema(Operation):
    old: str
    new: str
    action = "rename_table"  # same cost: every object in it changes its qualified name

    @property
    def subject(self) -> str:
        return self.old

    def sql(self) -> list[str]:
        return [f"ALTER SCHEMA {quote_ident(self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameSchema(self.new, self.old)

    def describe(self) -> str:
        return f"rename schema {self.old} to {self.new}"


# --- enums -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnumUsage:
    """A column whose type is (an array of) an enum: what recreating the type touches.

    The default (which names the type) is dropped before the conversion when ``default_before`` is
    set, and ``default_after`` is set after it; the reverse swaps the two.
    """

    schema: str
    table: str
    column: str
    dimensions: int
    default_before: str | None
    default_after: str | None

    def flipped(self) -> EnumUsage:
        return replace(self, default_before=self.default_after, default_after=self.default_before)


def _enum_values_sql(values: tuple[str, ...]) -> str:
    return ", ".join(quote_literal(v) for v in values)


@dataclass(frozen=True)
class CreateEnum(Operation):
    enum: Enum
    action = "create_type"

    @property
    def subject(self) -> str:
        return self.enum.key

    def sql(self) -> list[str]:
        return [
            f"CREATE TYPE {_t(self.enum.schema, self.enum.name)} AS ENUM({_enum_values_sql(self.enum.values)});"
        ]

    def reverse(self) -> Operation:
        return DropEnum(self.enum)

    def describe(self) -> str:
        return f"create enum {self.enum.key}"


@dataclass(frozen=True)
class DropEnum(Operation):
    enum: Enum
    action = "drop_type"

    @property
    def subject(self) -> str:
        return self.enum.key

    def sql(self) -> list[str]:
        return [f"DROP TYPE {_t(self.enum.schema, self.enum.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.TYPE, self.enum.schema, self.enum.name),)

    def reverse(self) -> Operation:
        return CreateEnum(self.enum)

    def describe(self) -> str:
        return f"drop enum {self.enum.key}"


@dataclass(frozen=True)
class RenameEnum(Operation):
    schema: str
    old: str
    new: str
    action = "rename_enum_value"  # same cost class: ACCESS EXCLUSIVE on the type, breaks old code

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.old)

    def sql(self) -> list[str]:
        return [f"ALTER TYPE {_t(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameEnum(self.schema, self.new, self.old)

    def describe(self) -> str:
        return f"rename enum {self.schema}.{self.old} to {self.new}"


@dataclass(frozen=True)
class RecreateEnum(Operation):
    """Change an enum's values in a way ADD VALUE cannot (removal, reordering): rebuild the type.

    ``usages`` are the columns using the type when this runs; each carries the default to drop before
    the conversion and the one to set after it (the differ then emits no separate default change).
    """

    old: Enum
    new: Enum
    usages: tuple[EnumUsage, ...] = ()
    action = "alter_column_type"

    @property
    def subject(self) -> str:
        return self.new.key

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(v for v in self.old.values if v not in self.new.values)

    def destroys(self) -> tuple[Destroyed, ...]:
        return tuple(Destroyed(DestroyedKind.ENUM_VALUE, self.old.schema, v) for v in self.removed)

    def sql(self) -> list[str]:
        e = self.new
        old_name = f"{e.name}__pgshift_old"
        target = _t(e.schema, e.name)
        out = [
            f"ALTER TYPE {target} RENAME TO {quote_ident(old_name)};",
            f"CREATE TYPE {target} AS ENUM({_enum_values_sql(e.values)});",
        ]
        for u in self.usages:
            if u.default_before is not None:
                out.append(f"{_alter(u.schema, u.table)} ALTER COLUMN {quote_ident(u.column)} DROP DEFAULT;")
            arr = "[]" * u.dimensions
            col = quote_ident(u.column)
            out.append(
                f"{_alter(u.schema, u.table)} ALTER COLUMN {col} SET DATA TYPE {target}{arr} "
                f"USING {col}::text{arr}::{target}{arr};"
            )
            if u.default_after is not None:
                out.append(f"{_alter(u.schema, u.table)} ALTER COLUMN {col} SET DEFAULT {u.default_after};")
        out.append(f"DROP TYPE {_t(e.schema, old_name)};")
        return out

    def reverse(self) -> Operation:
        return RecreateEnum(self.new, self.old, tuple(u.flipped() for u in self.usages))

    def hazards(self) -> tuple[Hazard, ...]:
        found = hazards_of(self.action, self.subject)
        if self.removed:
            found += (
                Hazard(
                    HazardKind.DATA_DEPENDENT,
                    f"{self.subject}: fails if rows still hold {', '.join(map(repr, self.removed))}",
                ),
            )
        return found

    def describe(self) -> str:
        if self.removed:
            return f"recreate enum {self.new.key} without {', '.join(self.removed)}"
        return f"recreate enum {self.new.key} with values reordered"


@dataclass(frozen=True)
class AddEnumValues(Operation):
    """``ALTER TYPE ... ADD VALUE ... BEFORE/AFTER`` for each value of ``new`` missing from ``old``
    (``old.values`` must be a subsequence of ``new.values``); undone by recreating the type without them.

    Non-transactional on purpose: a value added inside a transaction cannot be used until it commits,
    so the runner runs such a migration statement by statement and later statements may use it.
    """

    old: Enum
    new: Enum
    usages: tuple[EnumUsage, ...] = ()  # columns using the type (for the reverse)
    action = "add_enum_value"
    transactional = False

    @property
    def subject(self) -> str:
        return self.new.key

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(v for v in self.new.values if v not in self.old.values)

    def sql(self) -> list[str]:
        out = []
        values = self.new.values
        head = f"ALTER TYPE {_t(self.new.schema, self.new.name)} ADD VALUE"
        for i, value in enumerate(values):
            if value in self.old.values:
                continue
            if i == 0 and self.old.values:
                where = f" BEFORE {quote_literal(self.old.values[0])}"
            elif i == 0 or i == len(values) - 1:
                where = ""
            else:
                where = f" AFTER {quote_literal(values[i - 1])}"
            out.append(f"{head} {quote_literal(value)}{where};")
        return out

    def reverse(self) -> Operation:
        return RecreateEnum(self.new, self.old, self.usages)

    def describe(self) -> str:
        return f"add value{'s' if len(self.added) > 1 else ''} {', '.join(map(repr, self.added))} to enum {self.new.key}"


@dataclass(frozen=True)
class RenameEnumValue(Operation):
    schema: str
    enum: str
    old: str
    new: str
    action = "rename_enum_value"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.enum)

    def sql(self) -> list[str]:
        return [
            f"ALTER TYPE {_t(self.schema, self.enum)} RENAME VALUE {quote_literal(self.old)} "
            f"TO {quote_literal(self.new)};"
        ]

    def reverse(self) -> Operation:
        return RenameEnumValue(self.schema, self.enum, self.new, self.old)

    def describe(self) -> str:
        return f"rename value {self.old!r} of enum {self.schema}.{self.enum} to {self.new!r}"


# --- sequences -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateSequence(Operation):
    sequence: Sequence
    action = "create_sequence"

    @property
    def subject(self) -> str:
        return self.sequence.key

    def sql(self) -> list[str]:
        s = self.sequence
        options = render.sequence_options_sql(s.options, data_type=s.data_type)
        return [f"CREATE SEQUENCE {_t(s.schema, s.name)}{' ' + options if options else ''};"]

    def reverse(self) -> Operation:
        return DropSequence(self.sequence)

    def describe(self) -> str:
        return f"create sequence {self.sequence.key}"


@dataclass(frozen=True)
class DropSequence(Operation):
    sequence: Sequence
    action = "drop_sequence"

    @property
    def subject(self) -> str:
        return self.sequence.key

    def sql(self) -> list[str]:
        return [f"DROP SEQUENCE {_t(self.sequence.schema, self.sequence.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.SEQUENCE, self.sequence.schema, self.sequence.name),)

    def reverse(self) -> Operation:
        return CreateSequence(self.sequence)

    def describe(self) -> str:
        return f"drop sequence {self.sequence.key}"


@dataclass(frozen=True)
class RenameSequence(Operation):
    schema: str
    old: str
    new: str
    action = "alter_sequence"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.old)

    def sql(self) -> list[str]:
        return [f"ALTER SEQUENCE {_t(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameSequence(self.schema, self.new, self.old)

    def describe(self) -> str:
        return f"rename sequence {self.schema}.{self.old} to {self.new}"


def _restating_options(old: Sequence, new: Sequence) -> str:
    """ALTER SEQUENCE clauses taking ``old``'s options to ``new``'s (options back to default spelled out)."""
    parts = []
    if old.data_type != new.data_type:
        parts.append(f"AS {new.data_type or 'bigint'}")
    return " ".join(parts + _option_clauses(old, new))


def _option_clauses(old: Sequence, new: Sequence) -> list[str]:
    parts: list[str] = []
    o, n = old.options, new.options
    if o.increment != n.increment:
        parts.append(f"INCREMENT BY {n.increment or 1}")
    if o.min_value != n.min_value:
        parts.append(f"MINVALUE {n.min_value}" if n.min_value is not None else "NO MINVALUE")
    if o.max_value != n.max_value:
        parts.append(f"MAXVALUE {n.max_value}" if n.max_value is not None else "NO MAXVALUE")
    if o.start_with != n.start_with:
        parts.append(f"START WITH {n.start_with}" if n.start_with is not None else "START WITH 1")
    if o.cache != n.cache:
        parts.append(f"CACHE {n.cache or 1}")
    if o.cycle != n.cycle:
        parts.append("CYCLE" if n.cycle else "NO CYCLE")
    return parts


@dataclass(frozen=True)
class AlterSequence(Operation):
    old: Sequence
    new: Sequence
    action = "alter_sequence"

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        return [
            f"ALTER SEQUENCE {_t(self.new.schema, self.new.name)} {_restating_options(self.old, self.new)};"
        ]

    def reverse(self) -> Operation:
        return AlterSequence(self.new, self.old)

    def describe(self) -> str:
        return f"alter sequence {self.new.key}"


# --- tables ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateTable(Operation):
    """CREATE TABLE with columns, primary key, uniques and checks inline, then the table's indexes,
    comments and RLS switch. Foreign keys and policies are separate ops (they depend on other tables)."""

    table: Table
    action = "create_table"

    @property
    def subject(self) -> str:
        return self.table.key

    def sql(self) -> list[str]:
        t = self.table
        out = [render.create_table_sql(t)]
        out += [render.create_index_sql(t.schema, t.name, i, concurrently=False) for i in t.indexes]
        if t.comment is not None:
            out.append(f"COMMENT ON TABLE {_t(t.schema, t.name)} IS {render.comment_literal(t.comment)};")
        for c in t.columns:
            if c.comment is not None:
                out.append(
                    f"COMMENT ON COLUMN {_t(t.schema, t.name)}.{quote_ident(c.name)} IS "
                    f"{render.comment_literal(c.comment)};"
                )
        if t.rls_enabled:
            out.append(f"{_alter(t.schema, t.name)} ENABLE ROW LEVEL SECURITY;")
        return out

    def reverse(self) -> Operation:
        return DropTable(self.table)

    def describe(self) -> str:
        return f"create table {self.table.key}"


@dataclass(frozen=True)
class DropTable(Operation):
    """DROP TABLE. ``table`` is the definition to restore (without foreign keys and policies, which
    the differ drops in their own ops first so that their reverses restore them)."""

    table: Table
    action = "drop_table"

    @property
    def subject(self) -> str:
        return self.table.key

    def sql(self) -> list[str]:
        return [f"DROP TABLE {_t(self.table.schema, self.table.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.TABLE, self.table.schema, self.table.name),)

    def reverse(self) -> Operation:
        return CreateTable(self.table)

    def describe(self) -> str:
        return f"drop table {self.table.key}"


def _follow_rename(schema: str, old: str, new: str) -> list[str]:
    """Rename an owned sequence after its table or column; nothing when truncation to 63 bytes gives
    both names the same spelling (long names sharing a prefix)."""
    if old == new:
        return []
    return [f"ALTER SEQUENCE {_t(schema, old)} RENAME TO {quote_ident(new)};"]


@dataclass(frozen=True)
class RenameTable(Operation):
    """ALTER TABLE ... RENAME TO; ``sequence_columns`` (serial and default-named identity columns) get
    their ``<table>_<column>_seq`` renamed too, since Postgres leaves it under the old table's name and
    a table created with the new name would have the new one."""

    schema: str
    old: str
    new: str
    sequence_columns: tuple[str, ...] = ()
    action = "rename_table"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.old)

    def sql(self) -> list[str]:
        out = [f"ALTER TABLE {_t(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]
        for column in self.sequence_columns:
            out += _follow_rename(
                self.schema, owned_sequence_name(self.old, column), owned_sequence_name(self.new, column)
            )
        return out

    def reverse(self) -> Operation:
        return RenameTable(self.schema, self.new, self.old, self.sequence_columns)

    def describe(self) -> str:
        return f"rename table {self.schema}.{self.old} to {self.new}"


@dataclass(frozen=True)
class SetRowLevelSecurity(Operation):
    schema: str
    table: str
    enabled: bool

    @property
    def action(self) -> str:
        return "enable_rls" if self.enabled else "disable_rls"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table)

    def sql(self) -> list[str]:
        verb = "ENABLE" if self.enabled else "DISABLE"
        return [f"{_alter(self.schema, self.table)} {verb} ROW LEVEL SECURITY;"]

    def reverse(self) -> Operation:
        return SetRowLevelSecurity(self.schema, self.table, not self.enabled)

    def describe(self) -> str:
        return f"{'enable' if self.enabled else 'disable'} row level security on {self.subject}"


@dataclass(frozen=True)
class SetTableComment(Operation):
    schema: str
    table: str
    old: str | None
    new: str | None
    action = "comment"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table)

    def sql(self) -> list[str]:
        return [f"COMMENT ON TABLE {_t(self.schema, self.table)} IS {render.comment_literal(self.new)};"]

    def reverse(self) -> Operation:
        return SetTableComment(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"comment on table {self.subject}"


@dataclass(frozen=True)
class SetColumnComment(Operation):
    schema: str
    table: str
    column: str
    old: str | None
    new: str | None
    action = "comment"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        return [
            f"COMMENT ON COLUMN {_t(self.schema, self.table)}.{quote_ident(self.column)} IS "
            f"{render.comment_literal(self.new)};"
        ]

    def reverse(self) -> Operation:
        return SetColumnComment(self.schema, self.table, self.column, self.new, self.old)

    def describe(self) -> str:
        return f"comment on column {self.subject}"


# --- columns ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddColumn(Operation):
    schema: str
    table: str
    column: Column

    @property
    def action(self) -> str:
        c = self.column
        if c.generated is not None:
            return "add_column_stored_generated"
        if c.identity is not None or c.is_serial:
            return "add_column_identity"
        if c.default is not None and volatile_call(c.default) is not None:
            return "add_column_volatile_default"
        if c.not_null and c.default is None:
            return "add_column_not_null_no_default"
        return "add_column"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.column.name)

    def sql(self) -> list[str]:
        stub = Table(schema=self.schema, name=self.table)
        out = [f"{_alter(self.schema, self.table)} ADD COLUMN {render.column_sql(stub, self.column)};"]
        if self.column.comment is not None:
            out.append(
                SetColumnComment(self.schema, self.table, self.column.name, None, self.column.comment).sql()[
                    0
                ]
            )
        return out

    def reverse(self) -> Operation:
        return DropColumn(self.schema, self.table, self.column)

    def describe(self) -> str:
        return f"add column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class DropColumn(Operation):
    schema: str
    table: str
    column: Column
    action = "drop_column"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.column.name)

    def sql(self) -> list[str]:
        return [f"{_alter(self.schema, self.table)} DROP COLUMN {quote_ident(self.column.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.COLUMN, self.schema, self.column.name, self.table),)

    def reverse(self) -> Operation:
        return AddColumn(self.schema, self.table, self.column)

    def describe(self) -> str:
        return f"drop column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class RenameColumn(Operation):
    """RENAME COLUMN; with ``owns_sequence`` (serial or default-named identity) its sequence follows."""

    schema: str
    table: str
    old: str
    new: str
    owns_sequence: bool = False
    action = "rename_column"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.old)

    def sql(self) -> list[str]:
        out = [
            f"{_alter(self.schema, self.table)} RENAME COLUMN {quote_ident(self.old)} TO {quote_ident(self.new)};"
        ]
        if self.owns_sequence:
            out += _follow_rename(
                self.schema,
                owned_sequence_name(self.table, self.old),
                owned_sequence_name(self.table, self.new),
            )
        return out

    def reverse(self) -> Operation:
        return RenameColumn(self.schema, self.table, self.new, self.old, self.owns_sequence)

    def describe(self) -> str:
        return f"rename column {self.table}.{self.old} to {self.new}"


_STRING_TYPES = ("text", "varchar", "char")
_NUMERIC_FAMILY = ("smallint", "integer", "bigint", "numeric", "real", "double precision")
_TIME_FAMILY = ("date", "timestamp", "timestamp with time zone")


def _base_word(spelling: str) -> str:
    base = parse_type(spelling).base
    if base.startswith(("timestamp", "time ")):
        return "timestamp with time zone" if base.endswith("with time zone") else base.split(" (")[0]
    return base.split("(")[0]


def needs_using(old: Column, new: Column) -> bool:
    """Whether ALTER COLUMN TYPE needs an explicit USING: no assignment cast from old to new exists.

    Assignment casts exist between the numeric types, among string types, from any type to a string
    type (I/O conversion), date -> timestamp(tz) and between the timestamp types; anything else
    (text -> integer, -> enum, -> jsonb, -> uuid, ...) needs ``USING "col"::new``.
    """
    if binary_coercible(old.type, new.type):
        return False
    if parse_type(old.type).dimensions != parse_type(new.type).dimensions:
        return True
    new_builtin = is_builtin(new.type) and new.type_schema is None
    old_builtin = is_builtin(old.type) and old.type_schema is None
    if not new_builtin:
        return True
    a, b = _base_word(old.type), _base_word(new.type)
    if b in _STRING_TYPES:
        return False
    if not old_builtin:
        return True
    if a in _NUMERIC_FAMILY and b in _NUMERIC_FAMILY:
        return False
    if a in _TIME_FAMILY and b in _TIME_FAMILY and b != "date":
        return False
    return a != b or (parse_type(old.type).base != parse_type(new.type).base and a not in ("varchar", "char"))


def _using(old: Column, new: Column) -> str:
    col = quote_ident(new.name)
    target = type_sql(new.type, new.type_schema)
    old_user = not is_builtin(old.type) or old.type_schema is not None
    new_user = not is_builtin(new.type) or new.type_schema is not None
    if (old_user or new_user) and _base_word(old.type) not in _STRING_TYPES:
        # To or from an enum: through text (enums have no casts to each other or from numbers).
        dims = "[]" * parse_type(old.type).dimensions
        return f"{col}::text{dims}::{target}"
    return f"{col}::{target}"


def _serial_base(type_: str) -> str:
    return {"serial": "integer", "smallserial": "smallint", "bigserial": "bigint"}.get(type_, type_)


@dataclass(frozen=True)
class AlterColumnType(Operation):
    """SET DATA TYPE (with USING when needed), also the serial <-> integer conversions.

    When the type changes, a default is dropped before and set after (an old default often cannot be
    cast to the new type), so this op also carries the default change.
    """

    schema: str
    table: str
    old: Column
    new: Column

    @property
    def action(self) -> str:
        if binary_coercible(_serial_base(self.old.type), _serial_base(self.new.type)) and (
            self.old.type_schema == self.new.type_schema
        ):
            return "alter_column_type_coercible"
        return "alter_column_type"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.new.name)

    def _seq(self) -> str:
        return _t(self.schema, owned_sequence_name(self.table, self.new.name))

    def sql(self) -> list[str]:
        head = f"{_alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.new.name)}"
        old, new = self.old, self.new
        out = []
        if old.default is not None:
            out.append(f"{head} DROP DEFAULT;")
        if old.is_serial and not new.is_serial:
            out.append(f"{head} DROP DEFAULT;")
            out.append(f"DROP SEQUENCE {self._seq()};")
        old_base = replace(old, type=_serial_base(old.type))
        new_base = replace(new, type=_serial_base(new.type))
        if (old_base.type, old_base.type_schema) != (new_base.type, new_base.type_schema):
            text = f"{head} SET DATA TYPE {type_sql(new_base.type, new_base.type_schema)}"
            if needs_using(old_base, new_base):
                text += f" USING {_using(old_base, new_base)}"
            out.append(text + ";")
        if new.is_serial and not old.is_serial:
            seq = self._seq()
            out.append(
                f"CREATE SEQUENCE {seq} AS {new_base.type} OWNED BY {_t(self.schema, self.table)}.{quote_ident(new.name)};"
            )
            out.append(
                f"SELECT setval({quote_literal(seq)}, coalesce(max({quote_ident(new.name)}), 0) + 1, false) "
                f"FROM {_t(self.schema, self.table)};"
            )
            out.append(f"{head} SET DEFAULT nextval({quote_literal(seq)}::regclass);")
        elif new.is_serial and old.is_serial and old.type != new.type:
            out.append(f"ALTER SEQUENCE {self._seq()} AS {new_base.type};")
        if new.default is not None:
            out.append(f"{head} SET DEFAULT {new.default};")
        return out

    def reverse(self) -> Operation:
        return AlterColumnType(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"change type of {self.table}.{self.new.name}: {self.old.type} -> {self.new.type}"


@dataclass(frozen=True)
class SetNotNull(Operation):
    schema: str
    table: str
    column: str
    not_null: bool

    @property
    def action(self) -> str:
        return "set_not_null" if self.not_null else "drop_not_null"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        verb = "SET" if self.not_null else "DROP"
        return [f"{_alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)} {verb} NOT NULL;"]

    def reverse(self) -> Operation:
        return SetNotNull(self.schema, self.table, self.column, not self.not_null)

    def describe(self) -> str:
        return f"{'set' if self.not_null else 'drop'} not null on {self.table}.{self.column}"


@dataclass(frozen=True)
class SetDefault(Operation):
    schema: str
    table: str
    column: str
    old: str | None
    new: str | None

    @property
    def action(self) -> str:
        return "drop_default" if self.new is None else "set_default"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        head = f"{_alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}"
        return [f"{head} DROP DEFAULT;" if self.new is None else f"{head} SET DEFAULT {self.new};"]

    def reverse(self) -> Operation:
        return SetDefault(self.schema, self.table, self.column, self.new, self.old)

    def describe(self) -> str:
        return f"{'drop' if self.new is None else 'set'} default of {self.table}.{self.column}"


@dataclass(frozen=True)
class AlterIdentity(Operation):
    """Add, drop or change a column's GENERATED ... AS IDENTITY."""

    schema: str
    table: str
    column: str
    old: Identity | None
    new: Identity | None

    @property
    def action(self) -> str:
        if self.old is None:
            return "add_identity"
        return "drop_identity" if self.new is None else "alter_identity"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        head = f"{_alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}"
        if self.new is None:
            return [f"{head} DROP IDENTITY;"]
        if self.old is None:
            identity = render.identity_sql(self.schema, self.table, self.column, self.new)
            return [f"{head} ADD {identity};"]
        old, new = self.old, self.new
        out = []
        default_name = owned_sequence_name(self.table, self.column)
        old_name, new_name = old.sequence_name or default_name, new.sequence_name or default_name
        if old_name != new_name:
            # Rename rather than drop and re-add: the sequence keeps its position.
            out.append(f"ALTER SEQUENCE {_t(self.schema, old_name)} RENAME TO {quote_ident(new_name)};")
        parts = []
        if old.kind != new.kind:
            parts.append("SET GENERATED " + ("ALWAYS" if new.kind == "always" else "BY DEFAULT"))
        clauses = _option_clauses(
            Sequence("", "", options=old.options), Sequence("", "", options=new.options)
        )
        parts += ["SET " + clause for clause in clauses]
        if parts:
            out.append(f"{head} {' '.join(parts)};")
        return out

    def reverse(self) -> Operation:
        return AlterIdentity(self.schema, self.table, self.column, self.new, self.old)

    def describe(self) -> str:
        verb = {"add_identity": "add", "drop_identity": "drop", "alter_identity": "alter"}[self.action]
        return f"{verb} identity on {self.table}.{self.column}"


# --- constraints and indexes -----------------------------------------------------------------------


_KIND_NAMES = {
    PrimaryKey: "primary key",
    UniqueConstraint: "unique constraint",
    CheckConstraint: "check constraint",
    ForeignKey: "foreign key",
}


@dataclass(frozen=True)
class AddConstraint(Operation):
    """ADD CONSTRAINT; with ``not_valid`` (FK/CHECK on an existing table) ``NOT VALID`` then VALIDATE."""

    schema: str
    table: str
    constraint: Constraint
    not_valid: bool = False
    on_new_table: bool = False  # the table is created in the same migration: no rows, nothing to scan
    using_index: bool = False  # UNIQUE/PRIMARY KEY: build the index CONCURRENTLY first, then attach it

    @property
    def transactional(self) -> bool:  # type: ignore[override]
        return not self.using_index

    @property
    def action(self) -> str:
        if self.using_index:
            return "add_constraint_using_index"
        c = self.constraint
        if isinstance(c, ForeignKey):
            return "add_foreign_key_not_valid" if self.not_valid else "add_foreign_key"
        if isinstance(c, CheckConstraint):
            return "add_check_not_valid" if self.not_valid else "add_check"
        if isinstance(c, PrimaryKey):
            return "add_primary_key"
        return "add_unique"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.constraint.name)

    def sql(self) -> list[str]:
        head = _alter(self.schema, self.table)
        c = self.constraint
        if self.using_index and isinstance(c, PrimaryKey | UniqueConstraint):
            index = Index(
                c.name,
                tuple(IndexElement(col) for col in c.columns),
                unique=True,
                nulls_not_distinct=getattr(c, "nulls_not_distinct", False),
            )
            kind = "PRIMARY KEY" if isinstance(c, PrimaryKey) else "UNIQUE"
            return [
                render.create_index_sql(self.schema, self.table, index, concurrently=True),
                f"{head} ADD CONSTRAINT {quote_ident(c.name)} {kind} USING INDEX {quote_ident(c.name)};",
            ]
        text = f"{head} ADD {render.constraint_sql(c)}"
        if not self.not_valid:
            return [text + ";"]
        return [text + " NOT VALID;", f"{head} VALIDATE CONSTRAINT {quote_ident(self.constraint.name)};"]

    def hazards(self) -> tuple[Hazard, ...]:
        if self.on_new_table:
            return ()
        found = super().hazards()
        if self.not_valid:
            found += hazards_of("validate_constraint", self.subject)
        if self.using_index:
            found += (
                Hazard(HazardKind.DATA_DEPENDENT, f"{self.subject}: fails if existing rows are not unique"),
            )
        return found

    def reverse(self) -> Operation:
        return DropConstraint(self.schema, self.table, self.constraint)

    def describe(self) -> str:
        return f"add {_KIND_NAMES[type(self.constraint)]} {self.constraint.name} on {self.table}"


@dataclass(frozen=True)
class DropConstraint(Operation):
    schema: str
    table: str
    constraint: Constraint
    action = "drop_constraint"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.constraint.name)

    def sql(self) -> list[str]:
        return [f"{_alter(self.schema, self.table)} DROP CONSTRAINT {quote_ident(self.constraint.name)};"]

    def reverse(self) -> Operation:
        return AddConstraint(self.schema, self.table, self.constraint)

    def describe(self) -> str:
        return f"drop constraint {self.constraint.name} on {self.table}"


@dataclass(frozen=True)
class RenameConstraint(Operation):
    """Same definition, new name (typically after a table rename): no drop and re-add, no scan."""

    schema: str
    table: str
    old: str
    new: str
    action = "rename_constraint"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.old)

    def sql(self) -> list[str]:
        return [
            f"{_alter(self.schema, self.table)} RENAME CONSTRAINT {quote_ident(self.old)} TO {quote_ident(self.new)};"
        ]

    def reverse(self) -> Operation:
        return RenameConstraint(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"rename constraint {self.old} on {self.table} to {self.new}"


@dataclass(frozen=True)
class RenameIndex(Operation):
    schema: str
    table: str
    old: str
    new: str
    action = "rename_index"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.old)

    def sql(self) -> list[str]:
        return [f"ALTER INDEX {_t(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameIndex(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"rename index {self.old} on {self.table} to {self.new}"


@dataclass(frozen=True)
class CreateIndex(Operation):
    schema: str
    table: str
    index: Index
    concurrently: bool = False

    @property
    def action(self) -> str:
        return "create_index_concurrently" if self.concurrently else "create_index"

    @property
    def transactional(self) -> bool:  # type: ignore[override]
        return not self.concurrently

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.index.name)

    def sql(self) -> list[str]:
        return [render.create_index_sql(self.schema, self.table, self.index, concurrently=self.concurrently)]

    def reverse(self) -> Operation:
        return DropIndex(self.schema, self.table, self.index, concurrently=self.concurrently)

    def describe(self) -> str:
        how = " concurrently" if self.concurrently else ""
        return f"create index {self.index.name} on {self.table}{how}"


@dataclass(frozen=True)
class DropIndex(Operation):
    """DROP INDEX; ``CONCURRENTLY`` (outside a transaction) on a table that stays, so queries keep
    running while the index goes."""

    schema: str
    table: str
    index: Index
    concurrently: bool = False

    @property
    def action(self) -> str:
        return "drop_index_concurrently" if self.concurrently else "drop_index"

    @property
    def transactional(self) -> bool:  # type: ignore[override]
        return not self.concurrently

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.index.name)

    def sql(self) -> list[str]:
        conc = "CONCURRENTLY " if self.concurrently else ""
        return [f"DROP INDEX {conc}{_t(self.schema, self.index.name)};"]

    def reverse(self) -> Operation:
        return CreateIndex(self.schema, self.table, self.index, concurrently=self.concurrently)

    def describe(self) -> str:
        how = " concurrently" if self.concurrently else ""
        return f"drop index {self.index.name} on {self.table}{how}"


# --- policies and views ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatePolicy(Operation):
    schema: str
    table: str
    policy: Policy
    action = "create_policy"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.policy.name)

    def sql(self) -> list[str]:
        return [render.create_policy_sql(self.schema, self.table, self.policy)]

    def reverse(self) -> Operation:
        return DropPolicy(self.schema, self.table, self.policy)

    def describe(self) -> str:
        return f"create policy {self.policy.name} on {self.table}"


@dataclass(frozen=True)
class DropPolicy(Operation):
    schema: str
    table: str
    policy: Policy
    action = "drop_policy"

    @property
    def subject(self) -> str:
        return _subject(self.schema, self.table, self.policy.name)

    def sql(self) -> list[str]:
        return [f"DROP POLICY {quote_ident(self.policy.name)} ON {_t(self.schema, self.table)};"]

    def reverse(self) -> Operation:
        return CreatePolicy(self.schema, self.table, self.policy)

    def describe(self) -> str:
        return f"drop policy {self.policy.name} on {self.table}"


@dataclass(frozen=True)
class CreateView(Operation):
    view: View
    action = "create_view"

    @property
    def subject(self) -> str:
        return self.view.key

    def sql(self) -> list[str]:
        v = self.view
        kind = "MATERIALIZED VIEW" if v.materialized else "VIEW"
        with_ = " WITH (" + ", ".join(f"{k}={val}" for k, val in v.with_) + ")" if v.with_ else ""
        tail = " WITH NO DATA" if v.materialized and v.with_no_data else ""
        return [f"CREATE {kind} {_t(v.schema, v.name)}{with_} AS ({v.definition}){tail};"]

    def reverse(self) -> Operation:
        return DropView(self.view)

    def describe(self) -> str:
        return f"create view {self.view.key}"


@dataclass(frozen=True)
class DropView(Operation):
    view: View
    action = "drop_view"

    @property
    def subject(self) -> str:
        return self.view.key

    def sql(self) -> list[str]:
        kind = "MATERIALIZED VIEW" if self.view.materialized else "VIEW"
        return [f"DROP {kind} {_t(self.view.schema, self.view.name)};"]

    def reverse(self) -> Operation:
        return CreateView(self.view)

    def describe(self) -> str:
        return f"drop view {self.view.key}"


def destroyed_by(operations: Iterable[Operation]) -> list[Destroyed]:
    """Everything ``operations`` destroy, in order: what generate marks, push counts and rollback shows."""
    return [d for op in operations for d in op.destroys()]
