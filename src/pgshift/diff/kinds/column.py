"""Columns (the kind ``column``, children of a table): add, drop, rename, type, default, nullability,
identity and comment, and the per-column alter logic of the differ.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff import render
from pgshift.diff.hazards import Action, Change, Hazard, HazardKind, binary_coercible
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation, alter, path, ref
from pgshift.diff.kinds.constraint import ValidateConstraint
from pgshift.diff.kinds.foreign import options_sql
from pgshift.diff.kinds.sequence import option_clauses, rename_owned_sequence, sequence_options_sql
from pgshift.model.schema import (
    NO_COLUMN_SETTINGS,
    Column,
    ColumnSettings,
    Identity,
    Model,
    Sequence,
    Table,
)
from pgshift.model.sequences import effective_sequence_options
from pgshift.model.types import (
    SqlType,
    canonical_default,
    default_clause_sql,
    default_storage,
    qualified_name,
    quote_ident,
    quote_literal,
)
from pgshift.pg.functions import volatile_call
from pgshift.pg.naming import handover_sequence_name, not_null_name, owned_sequence_name
from pgshift.pg.parser import options_changes


@dataclass(frozen=True)
class SetColumnComment(Operation):
    """COMMENT ON COLUMN, from ``old`` to ``new`` (None: no comment)."""

    schema: str
    table: str
    column: str
    old: str | None
    new: str | None
    action = Action.COMMENT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        return [
            f"COMMENT ON COLUMN {ref(self.schema, self.table)}.{quote_ident(self.column)} IS "
            f"{render.comment_literal(self.new)};"
        ]

    def reverse(self) -> Operation:
        return SetColumnComment(self.schema, self.table, self.column, self.new, self.old)

    def describe(self) -> str:
        return f"comment on column {self.subject}"


@dataclass(frozen=True)
class SetColumnSettings(Operation):
    """SET STATISTICS / STORAGE / COMPRESSION and SET / RESET (n_distinct ...) of one column, from ``old``
    to ``new``; ``type`` says what storage is the default one to go back to."""

    schema: str
    table: str
    column: str
    type: SqlType
    old: ColumnSettings
    new: ColumnSettings

    @property
    def action(self) -> Action:
        o, n = self.old, self.new
        heavy = o.storage != n.storage or o.compression != n.compression
        return Action.SET_COLUMN_STORAGE if heavy else Action.SET_COLUMN_STATISTICS

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        head = f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}"
        o, n = self.old, self.new
        out = []
        if o.statistics != n.statistics:
            out.append(f"{head} SET STATISTICS {-1 if n.statistics is None else n.statistics};")
        if o.storage != n.storage:
            # back to the type's own; DEFAULT (PostgreSQL 16+) when pgshift cannot tell it
            storage = n.storage or default_storage(self.type) or "DEFAULT"
            out.append(f"{head} SET STORAGE {storage.upper()};")
        if o.compression != n.compression:
            out.append(f"{head} SET COMPRESSION {n.compression or 'default'};")
        return out + options_changes(head, o.options, n.options)

    def reverse(self) -> Operation:
        return SetColumnSettings(self.schema, self.table, self.column, self.type, self.new, self.old)

    def describe(self) -> str:
        return f"change the storage settings of column {self.subject}"


def created_settings(schema: str, table: str, column: Column) -> list[str]:
    """The statements that give a new column its settings (none when all are the defaults)."""
    if column.settings == NO_COLUMN_SETTINGS:
        return []
    return SetColumnSettings(schema, table, column.name, column.type, NO_COLUMN_SETTINGS, column.settings).sql()


@dataclass(frozen=True)
class AddColumn(Operation):
    """ALTER TABLE ... ADD COLUMN."""

    schema: str
    table: str
    column: Column

    @property
    def action(self) -> Action:
        c = self.column
        if c.generated is not None and not c.generated_virtual:  # a virtual one stores nothing
            return Action.ADD_COLUMN_STORED_GENERATED
        if c.identity is not None or c.is_serial:
            return Action.ADD_COLUMN_IDENTITY
        if c.default is not None and volatile_call(c.default) is not None:
            return Action.ADD_COLUMN_VOLATILE_DEFAULT
        if c.not_null and c.default is None:
            return Action.ADD_COLUMN_NOT_NULL_NO_DEFAULT
        return Action.ADD_COLUMN

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column.name)

    def sql(self) -> list[str]:
        stub = Table(schema=self.schema, name=self.table)
        out = [f"{alter(self.schema, self.table)} ADD COLUMN {column_sql(stub, self.column)};"]
        out += not_valid_not_null_sql(self.schema, self.table, self.column)
        out += created_settings(self.schema, self.table, self.column)
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
    """ALTER TABLE ... DROP COLUMN."""

    schema: str
    table: str
    column: Column
    action = Action.DROP_COLUMN

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column.name)

    def sql(self) -> list[str]:
        return [f"{alter(self.schema, self.table)} DROP COLUMN {quote_ident(self.column.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        if self.column.generated is not None:
            return ()  # a stored generated column is recomputed when it is added back: nothing is lost
        return (Destroyed(DestroyedKind.COLUMN, self.schema, self.column.name, self.table),)

    def reverse(self) -> Operation:
        return AddColumn(self.schema, self.table, self.column)

    def describe(self) -> str:
        return f"drop column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class DropExpression(Operation):
    """A stored generated column becoming a plain one: ``DROP EXPRESSION`` (PostgreSQL 13+) keeps every
    value, where dropping and adding the column would lose them.

    The way back cannot be done in place (no plain column becomes generated): the reverse drops the
    column and adds it back generated (``RecomputeColumn``). ``restore`` are the indexes and constraints
    on the column that dropping it takes along, re-created by that reverse.
    """

    schema: str
    table: str
    column: Column  # as it was: generated
    restore: tuple[Operation, ...] = ()
    action = Action.ALTER_COLUMN_DROP_EXPRESSION

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column.name)

    def sql(self) -> list[str]:
        return [
            f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column.name)} DROP EXPRESSION;"
        ]

    def reverse(self) -> Operation:
        plain = replace(self.column, generated=None, generated_virtual=False)
        return RecomputeColumn(self.schema, self.table, plain, self.column, self.restore)

    def describe(self) -> str:
        return f"drop expression of {self.table}.{self.column.name} (values kept)"


@dataclass(frozen=True)
class RecomputeColumn(Operation):
    """A column becoming the generated ``new`` (from a plain one, or from another expression, or from
    STORED to VIRTUAL or back): dropped and added back, its values computed again, then ``restore``
    re-creates the indexes and constraints the drop took along (when no other operation of the migration
    does). Also a VIRTUAL column becoming a plain ``new``: PostgreSQL 18 has no DROP EXPRESSION for those
    (they store no values to keep), so the plain column is added back empty.

    A plain column's stored values are lost (``destroys``); a generated one loses nothing. The way back
    from plain is DROP EXPRESSION, which keeps the computed values.
    """

    schema: str
    table: str
    old: Column
    new: Column  # generated
    restore: tuple[Operation, ...] = ()
    action = Action.ALTER_COLUMN_GENERATED

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.new.name)

    def sql(self) -> list[str]:
        out = DropColumn(self.schema, self.table, self.old).sql()
        out += AddColumn(self.schema, self.table, self.new).sql()
        return out + [stmt for op in self.restore for stmt in op.sql()]

    def hazards(self) -> tuple[Hazard, ...]:
        found = super().hazards()
        if self.old.generated is None:
            found += (
                Hazard(HazardKind.DATA_LOSS, f"{self.subject}: its values are replaced by computed ones"),
            )
        if self.new.generated is None:
            found += (
                Hazard(
                    HazardKind.DATA_LOSS,
                    f"{self.subject}: a virtual generated column stores no values to keep: it becomes empty",
                ),
            )
        return found + tuple(h for op in self.restore for h in op.hazards())

    def destroys(self) -> tuple[Destroyed, ...]:
        if self.new.generated is None:  # a virtual column made plain: empty
            return (Destroyed(DestroyedKind.COLUMN_VALUES, self.schema, self.new.name, self.table),)
        if self.old.generated is not None:
            return ()  # computed again from the new expression: nothing stored is lost
        return (Destroyed(DestroyedKind.COLUMN_VALUES, self.schema, self.new.name, self.table),)

    def reverse(self) -> Operation:
        if self.old.generated is None and not self.new.generated_virtual:  # no DROP EXPRESSION on virtual
            return DropExpression(self.schema, self.table, self.new, self.restore)
        return RecomputeColumn(self.schema, self.table, self.new, self.old, self.restore)

    def describe(self) -> str:
        if self.new.generated is None:
            return f"recreate column {self.table}.{self.new.name} (drop it and add it plain)"
        return f"recompute column {self.table}.{self.new.name} (drop it and add it generated)"


def not_valid_not_null_sql(schema: str, table: str, column: Column) -> list[str]:
    """``ADD CONSTRAINT x NOT NULL col NOT VALID`` (PostgreSQL 18+ only: older servers reject it) for a
    column whose NOT NULL is not validated: CREATE TABLE and ADD COLUMN leave it nullable, this follows."""
    if not (column.not_null and column.not_null_not_valid):
        return []
    name = column.not_null_name or not_null_name(table, column.name)
    return [
        f"{alter(schema, table)} ADD CONSTRAINT {quote_ident(name)} NOT NULL {quote_ident(column.name)} NOT VALID;"
    ]


def rename_not_null_sql(schema: str, table: str, renames: list[tuple[str, str]]) -> list[str]:
    """Rename default-named NOT NULL constraints after their table or column (``table`` is the table's
    name once renamed), so the result matches a table created under the new names.

    Only PostgreSQL 18+ has them (pg_constraint rows of contype 'n'), and the differ does not know the
    server a migration will run on: the rename runs only where the constraint exists, so the same
    migration does nothing more on 15 or 16. A constraint the user named is left alone (not found)."""
    pairs = [(old, new) for old, new in renames if old != new]
    if not pairs:
        return []
    target = ref(schema, table)
    steps = "".join(
        f"\n\tIF EXISTS (SELECT FROM pg_constraint WHERE conrelid = {quote_literal(target)}::regclass"
        f" AND conname = {quote_literal(old)} AND contype = 'n') THEN"
        f"\n\t\tALTER TABLE {target} RENAME CONSTRAINT {quote_ident(old)} TO {quote_ident(new)};\n\tEND IF;"
        for old, new in pairs
    )
    note = "-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only"
    return [f"DO $pgshift$ BEGIN\n\t{note}{steps}\nEND $pgshift$;"]


@dataclass(frozen=True)
class RenameNotNull(Operation):
    """A NOT NULL constraint's name changes (PostgreSQL 18+; None: ``<table>_<column>_not_null``): renamed
    where it exists, nothing on servers before 18 (see ``rename_not_null_sql``)."""

    schema: str
    table: str
    column: str
    old: str | None
    new: str | None
    action = Action.RENAME_CONSTRAINT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        default = not_null_name(self.table, self.column)
        return rename_not_null_sql(self.schema, self.table, [(self.old or default, self.new or default)])

    def reverse(self) -> Operation:
        return RenameNotNull(self.schema, self.table, self.column, self.new, self.old)

    def describe(self) -> str:
        return f"rename the NOT NULL constraint of {self.table}.{self.column} to {self.new or 'its default name'}"


@dataclass(frozen=True)
class RenameColumn(Operation):
    """RENAME COLUMN; with ``owns_sequence`` (serial or default-named identity) its sequence follows,
    with ``not_null`` its default-named NOT NULL constraint (PostgreSQL 18+, see ``rename_not_null_sql``)."""

    schema: str
    table: str
    old: str
    new: str
    owns_sequence: bool = False
    not_null: bool = False
    action = Action.RENAME_COLUMN

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.old)

    def sql(self) -> list[str]:
        out = [
            f"{alter(self.schema, self.table)} RENAME COLUMN {quote_ident(self.old)} TO {quote_ident(self.new)};"
        ]
        if self.owns_sequence:
            out += rename_owned_sequence(
                self.schema,
                owned_sequence_name(self.table, self.old),
                owned_sequence_name(self.table, self.new),
            )
        if self.not_null:
            names = (not_null_name(self.table, self.old), not_null_name(self.table, self.new))
            out += rename_not_null_sql(self.schema, self.table, [names])
        return out

    def reverse(self) -> Operation:
        return RenameColumn(self.schema, self.table, self.new, self.old, self.owns_sequence, self.not_null)

    def describe(self) -> str:
        return f"rename column {self.table}.{self.old} to {self.new}"


_STRING_TYPES = ("text", "varchar", "char")


_NUMERIC_FAMILY = ("smallint", "integer", "bigint", "numeric", "real", "double precision")


_TIME_FAMILY = ("date", "timestamp", "timestamp with time zone")


def _base_word(type_: SqlType) -> str:
    """The type's family for cast rules: its name, with both zoned time types counted as timestamptz."""
    name = type_.name
    if name.startswith("time") and name.endswith("with time zone"):
        return "timestamp with time zone"
    return name


def needs_using(old: Column, new: Column) -> bool:
    """Whether ALTER COLUMN TYPE needs an explicit USING: no assignment cast from old to new exists.

    Assignment casts exist between the numeric types, among string types, from any type to a string
    type (I/O conversion), date -> timestamp(tz) and between the timestamp types; anything else
    (text -> integer, -> enum, -> jsonb, -> uuid, ...) needs ``USING "col"::new``.
    """
    if binary_coercible(old.type, new.type):
        return False
    if old.type.array_dims != new.type.array_dims:
        return True
    if not new.type.builtin:
        return True
    a, b = _base_word(old.type), _base_word(new.type)
    if b in _STRING_TYPES:
        return False
    if not old.type.builtin:
        return True
    if a in _NUMERIC_FAMILY and b in _NUMERIC_FAMILY:
        return False
    if a in _TIME_FAMILY and b in _TIME_FAMILY and b != "date":
        return False
    return a != b or (old.type.base != new.type.base and a not in ("varchar", "char"))


def _using(old: Column, new: Column) -> str:
    col = quote_ident(new.name)
    target = new.type.sql
    if (not old.type.builtin or not new.type.builtin) and _base_word(old.type) not in _STRING_TYPES:
        # To or from an enum: through text (enums have no casts to each other or from numbers).
        dims = "[]" * old.type.array_dims
        return f"{col}::text{dims}::{target}"
    return f"{col}::{target}"


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
    # The serial sequence stays (released as a standalone one, or taken back): no DROP/CREATE SEQUENCE.
    keep_sequence: bool = False

    @property
    def action(self) -> Action:
        old, new = self.old.type.without_serial(), self.new.type.without_serial()
        if binary_coercible(old, new) and old.schema == new.schema:
            return Action.ALTER_COLUMN_TYPE_COERCIBLE
        return Action.ALTER_COLUMN_TYPE

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.new.name)

    def _seq(self) -> str:
        return ref(self.schema, owned_sequence_name(self.table, self.new.name))

    def sql(self) -> list[str]:
        head = f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.new.name)}"
        old, new = self.old, self.new
        out = []
        if old.default is not None:
            out.append(f"{head} DROP DEFAULT;")
        if old.is_serial and not new.is_serial:
            out.append(f"{head} DROP DEFAULT;")
            if not self.keep_sequence:
                out.append(f"DROP SEQUENCE {self._seq()};")
        old_base = replace(old, type=old.type.without_serial())
        new_base = replace(new, type=new.type.without_serial())
        if old_base.type != new_base.type:
            # (without COLLATE the column would take the new type's collation)
            text = f"{head} SET DATA TYPE {new_base.type.sql}{_collate(new)}"
            if needs_using(old_base, new_base):
                text += f" USING {_using(old_base, new_base)}"
            out.append(text + ";")
        if new.is_serial and not old.is_serial and self.keep_sequence:
            out.append(f"{head} SET DEFAULT nextval({quote_literal(self._seq())}::regclass);")
        elif new.is_serial and not old.is_serial:
            seq = self._seq()
            out.append(
                f"CREATE SEQUENCE {seq} AS {new_base.type.spelling} OWNED BY {ref(self.schema, self.table)}.{quote_ident(new.name)};"
            )
            out.append(
                f"SELECT setval({quote_literal(seq)}, coalesce(max({quote_ident(new.name)}), 0) + 1, false) "
                f"FROM {ref(self.schema, self.table)};"
            )
            out.append(f"{head} SET DEFAULT nextval({quote_literal(seq)}::regclass);")
        elif new.is_serial and old.is_serial and old.type != new.type:
            out.append(f"ALTER SEQUENCE {self._seq()} AS {new_base.type.spelling};")
        if new.default is not None:
            out.append(f"{head} SET DEFAULT {new.default};")
        return out

    def reverse(self) -> Operation:
        return AlterColumnType(self.schema, self.table, self.new, self.old, self.keep_sequence)

    def describe(self) -> str:
        return f"change type of {self.table}.{self.new.name}: {self.old.type.spelling} -> {self.new.type.spelling}"


def _collate(column: Column) -> str:
    return f" COLLATE {column.collation}" if column.collation else ""


@dataclass(frozen=True)
class AlterCollation(Operation):
    """A column's own collation set, changed or removed (``COLLATE "default"``: its type's again).

    SET DATA TYPE to the same type: PostgreSQL does not rewrite the table, but rebuilds the column's
    indexes under ACCESS EXCLUSIVE (and a unique index may then find duplicates the old collation kept
    apart)."""

    schema: str
    table: str
    column: str
    type: SqlType
    old: str | None
    new: str | None
    action = Action.ALTER_COLUMN_TYPE_COERCIBLE

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        head = f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}"
        return [f"{head} SET DATA TYPE {self.type.sql} COLLATE {self.new or quote_ident('default')};"]

    def reverse(self) -> Operation:
        return AlterCollation(self.schema, self.table, self.column, self.type, self.new, self.old)

    def describe(self) -> str:
        return f"change collation of {self.table}.{self.column}: {self.old or 'default'} -> {self.new or 'default'}"


@dataclass(frozen=True)
class SetNotNull(Operation):
    """SET / DROP NOT NULL; ``name``: the user's name of the NOT NULL constraint (PostgreSQL 18+; None:
    the default), which SET NOT NULL cannot write: the default-named constraint is renamed after it."""

    schema: str
    table: str
    column: str
    not_null: bool
    name: str | None = None
    not_valid: bool = False  # PostgreSQL 18+: added NOT VALID (no scan), left unvalidated

    @property
    def action(self) -> Action:
        if self.not_null and self.not_valid:
            return Action.ADD_NOT_NULL_NOT_VALID
        return Action.SET_NOT_NULL if self.not_null else Action.DROP_NOT_NULL

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        if self.not_null and self.not_valid:
            name = self.name or not_null_name(self.table, self.column)
            column = quote_ident(self.column)
            return [
                f"{alter(self.schema, self.table)} ADD CONSTRAINT {quote_ident(name)} NOT NULL {column} NOT VALID;"
            ]
        verb = "SET" if self.not_null else "DROP"
        out = [f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)} {verb} NOT NULL;"]
        if self.not_null and self.name is not None:
            names = (not_null_name(self.table, self.column), self.name)
            out += rename_not_null_sql(self.schema, self.table, [names])
        return out

    def reverse(self) -> Operation:
        return SetNotNull(self.schema, self.table, self.column, not self.not_null, self.name, self.not_valid)

    def describe(self) -> str:
        return f"{'set' if self.not_null else 'drop'} not null on {self.table}.{self.column}"


@dataclass(frozen=True)
class SetDefault(Operation):
    """SET / DROP DEFAULT. On a partitioned table it reaches every partition, so the partitions with a
    default of their own (``partitions``: name key, their own before, their own after; None: the
    parent's) get theirs set again after it, in the up and the down file alike: ``partitions`` holds
    (schema, name, its default before, its default after) for each partition with one of its own."""

    schema: str
    table: str
    column: str
    old: str | None
    new: str | None
    partitions: tuple[tuple[str, str, str | None, str | None], ...] = ()

    @property
    def action(self) -> Action:
        return Action.DROP_DEFAULT if self.new is None else Action.SET_DEFAULT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        head = f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}"
        out = [f"{head} DROP DEFAULT;" if self.new is None else f"{head} SET DEFAULT {self.new};"]
        for schema, name, _, own in self.partitions:
            if own != self.new:
                out += SetDefault(schema, name, self.column, self.new, own).sql()
        return out

    def reverse(self) -> Operation:
        back = tuple((schema, name, after, before) for schema, name, before, after in self.partitions)
        return SetDefault(self.schema, self.table, self.column, self.new, self.old, back)

    def describe(self) -> str:
        return f"{'drop' if self.new is None else 'set'} default of {self.table}.{self.column}"


@dataclass(frozen=True)
class AlterIdentity(Operation):
    """Add, drop or change a column's GENERATED ... AS IDENTITY.

    With ``serial`` (the serial column's type, ``integer``), the identity replaces a serial column's
    sequence or gives way to one, and the numbering continues where it was: the sequence that goes is
    renamed out of the way (both want ``<table>_<column>_seq``), the new one is set to its position
    with ``setval``, then it is dropped. Starting over at 1 would make the next insert collide.
    """

    schema: str
    table: str
    column: str
    old: Identity | None
    new: Identity | None
    serial: str | None = None

    @property
    def action(self) -> Action:
        if self.old is None:
            return Action.ADD_IDENTITY
        return Action.DROP_IDENTITY if self.new is None else Action.ALTER_IDENTITY

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        head = f"{alter(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}"
        if self.new is None and self.old is not None and self.serial is not None:
            return self._to_serial(head, self.old, self.serial)
        if self.new is None:
            return [f"{head} DROP IDENTITY;"]
        if self.old is None:
            identity = identity_sql(self.schema, self.table, self.column, self.new)
            if self.serial is not None:
                return self._from_serial(f"{head} ADD {identity};", self.new)
            return [f"{head} ADD {identity};"]
        old, new = self.old, self.new
        out = []
        default_name = owned_sequence_name(self.table, self.column)
        old_name, new_name = old.sequence_name or default_name, new.sequence_name or default_name
        if old_name != new_name:
            # Rename rather than drop and re-add: the sequence keeps its position.
            out.append(f"ALTER SEQUENCE {ref(self.schema, old_name)} RENAME TO {quote_ident(new_name)};")
        parts = []
        if old.kind != new.kind:
            parts.append("SET GENERATED " + ("ALWAYS" if new.kind == "always" else "BY DEFAULT"))
        clauses = option_clauses(Sequence("", "", options=old.options), Sequence("", "", options=new.options))
        parts += ["SET " + clause for clause in clauses]
        if parts:
            out.append(f"{head} {' '.join(parts)};")
        return out

    def _from_serial(self, add: str, identity: Identity) -> list[str]:
        """Take the serial sequence's place: out of the way, ADD IDENTITY, continue from it, drop it."""
        serial_seq = owned_sequence_name(self.table, self.column)
        source, out = self._out_of_the_way(serial_seq, identity)
        out.append(add)
        out.append(
            _carry_position(_identity_sequence_ref(self.schema, self.table, self.column, identity), source)
        )
        out.append(f"DROP SEQUENCE {source};")
        return out

    def _to_serial(self, head: str, identity: Identity, serial: str) -> list[str]:
        """Give way to a serial sequence that continues from the identity's (DROP IDENTITY drops that)."""
        serial_seq = owned_sequence_name(self.table, self.column)
        source, out = self._out_of_the_way(serial_seq, identity)
        target = ref(self.schema, serial_seq)
        out.append(
            f"CREATE SEQUENCE {target} AS {serial} OWNED BY {ref(self.schema, self.table)}.{quote_ident(self.column)};"
        )
        out.append(_carry_position(target, source))
        out.append(f"{head} DROP IDENTITY;")
        return out

    def _out_of_the_way(self, serial_seq: str, identity: Identity) -> tuple[str, list[str]]:
        """The identity's sequence and the serial one share a name unless the identity names its own:
        the one that goes is renamed first. Returns its reference afterwards and the rename."""
        current = identity.sequence_name or owned_sequence_name(self.table, self.column)
        if current != serial_seq:
            gone = serial_seq if self.old is None else current
            return ref(self.schema, gone), []
        parked = handover_sequence_name(self.table, self.column)
        rename = f"ALTER SEQUENCE {ref(self.schema, serial_seq)} RENAME TO {quote_ident(parked)};"
        return ref(self.schema, parked), [rename]

    def reverse(self) -> Operation:
        return AlterIdentity(self.schema, self.table, self.column, self.new, self.old, self.serial)

    def describe(self) -> str:
        verb = {Change.CREATE: "add", Change.DROP: "drop", Change.ALTER: "alter"}[self.action.change]
        kept = " (numbering continues from the serial sequence)" if self.serial and self.old is None else ""
        if self.serial and self.new is None:
            kept = " (numbering continues in a serial sequence)"
        return f"{verb} identity on {self.table}.{self.column}{kept}"


def _carry_position(target: str, source: str) -> str:
    """``setval`` of ``target`` to ``source``'s position: the next value is the one ``source`` would give."""
    return f"SELECT setval({quote_literal(target)}, last_value, is_called) FROM {source};"


def owns_default_sequence(column: Column) -> bool:
    """Serial, or identity whose sequence has Postgres's default name ``<table>_<column>_seq``."""
    return column.is_serial or (column.identity is not None and column.identity.sequence_name is None)


def type_key(c: Column) -> SqlType:
    """A column's type for comparison: a user-defined type without a schema is in ``public``, so a
    source that leaves ``public`` implicit and one that spells it do not differ."""
    if c.type.schema is None and not c.type.builtin:
        return replace(c.type, schema="public")
    return c.type


def diff_column(s: str, n: str, a: Column, b: Column) -> list[Operation]:
    out: list[Operation] = []
    serial = _serial_handover(a, b)
    identity = (
        None if _same_identity(a, b, n) else AlterIdentity(s, n, b.name, a.identity, b.identity, serial)
    )
    if identity is not None and serial is not None and a.identity is not None:
        out.append(identity)  # identity -> serial: the identity gives way before the serial default is set
        identity = None
    if type_key(a) != type_key(b):
        out.append(AlterColumnType(s, n, a, b, keep_sequence=serial is not None))  # (collation with it)
    else:
        if a.collation != b.collation:
            out.append(AlterCollation(s, n, b.name, b.type.without_serial(), a.collation, b.collation))
        if not _same_default(a, b):
            out.append(SetDefault(s, n, b.name, a.default, b.default))
    if b.not_null and not a.not_null:
        out.append(SetNotNull(s, n, b.name, True, b.not_null_name, b.not_null_not_valid))
    elif a.not_null and b.not_null and a.not_null_name != b.not_null_name:
        out.append(RenameNotNull(s, n, b.name, a.not_null_name, b.not_null_name))
    if a.not_null and b.not_null and a.not_null_not_valid and not b.not_null_not_valid:
        # validated, as a CHECK or foreign key is; a valid one the code says NOT VALID is kept as it is
        out.append(ValidateConstraint(s, n, b.not_null_name or not_null_name(n, b.name)))
    if identity is not None:
        out.append(identity)
    if a.not_null and not b.not_null:
        out.append(SetNotNull(s, n, b.name, False, a.not_null_name, a.not_null_not_valid))
    if a.comment != b.comment:
        out.append(SetColumnComment(s, n, b.name, a.comment, b.comment))
    if type_key(a) != type_key(b) and b.settings != ColumnSettings():
        # a new type takes its own storage: the settings the column keeps are set again
        out.append(SetColumnSettings(s, n, b.name, b.type, ColumnSettings(), b.settings))
    elif a.settings != b.settings:
        out.append(SetColumnSettings(s, n, b.name, b.type, a.settings, b.settings))
    return out


def _serial_handover(a: Column, b: Column) -> str | None:
    """The serial side's integer type when a serial column becomes an identity one or the reverse (its
    sequence's position is handed over), else None."""
    if a.is_serial and not b.is_serial and a.identity is None and b.identity is not None:
        return a.type.without_serial().spelling
    if b.is_serial and not a.is_serial and b.identity is None and a.identity is not None:
        return b.type.without_serial().spelling
    return None


def _same_default(a: Column, b: Column) -> bool:
    """Defaults compared in their canonical spelling, whatever source built each model."""
    if a.default is None or b.default is None:
        return a.default == b.default
    return canonical_default(a.default, b.type) == canonical_default(b.default, b.type)


def _same_identity(a: Column, b: Column, table: str) -> bool:
    if a.identity is None or b.identity is None:
        return a.identity == b.identity
    default_name = owned_sequence_name(table, b.name)
    ia, ib = a.identity, b.identity
    return (
        ia.kind == ib.kind
        and (ia.sequence_name or default_name) == (ib.sequence_name or default_name)
        and effective_sequence_options(ia.options, a.type.spelling)
        == effective_sequence_options(ib.options, b.type.spelling)
    )


def rename_op(model: Model, container: str, old: str, new: str) -> Operation:
    """``container`` is ``schema.table``; a serial or default-named identity column's sequence follows."""
    schema, _, name = container.partition(".")
    table = model.table(schema, name)
    column = table.column(old) if table else None
    return RenameColumn(
        schema,
        name,
        old,
        new,
        column is not None and owns_default_sequence(column),
        column is not None and column.not_null and column.not_null_name is None,
    )


# --- SQL --------------------------------------------------------------------------------------------


def _identity_sequence_ref(schema: str, table: str, column: str, identity: Identity) -> str:
    return qualified_name(schema, identity.sequence_name or owned_sequence_name(table, column))


def identity_sql(schema: str, table: str, column: str, identity: Identity) -> str:
    kind = "ALWAYS" if identity.kind == "always" else "BY DEFAULT"
    options = sequence_options_sql(identity.options)
    inner = f"sequence name {_identity_sequence_ref(schema, table, column, identity)}"
    if options:
        inner += " " + options
    return f"GENERATED {kind} AS IDENTITY ({inner})"


def column_sql(table: Table, column: Column, *, inline_pk: bool = False) -> str:
    """One column definition, as in CREATE TABLE and ADD COLUMN."""
    # a foreign table's column options come between the type and COLLATE (the grammar's order)
    options = options_sql(column.foreign_options)
    parts = [quote_ident(column.name), column.type.sql + options + _collate(column)]
    if inline_pk:
        parts.append("PRIMARY KEY")
    if column.generated is not None:
        kind = "VIRTUAL" if column.generated_virtual else "STORED"
        parts.append(f"GENERATED ALWAYS AS ({column.generated}) {kind}")
    if column.default is not None:
        parts.append(f"DEFAULT {default_clause_sql(column.default)}")
    if column.identity is not None:
        parts.append(identity_sql(table.schema, table.name, column.name, column.identity))
    if (
        column.not_null and not column.not_null_not_valid
    ):  # a NOT VALID one: added after (not_valid_not_null_sql)
        # a user's name: kept on 18+, accepted and ignored before (NOT NULL had no constraint row)
        named = f"CONSTRAINT {quote_ident(column.not_null_name)} " if column.not_null_name else ""
        parts.append(f"{named}NOT NULL")
    return " ".join(parts)
