"""Enum types (the kind ``enum``, with its values): create, drop, rename, add values, rebuild.

Safe forms: ``ALTER TYPE ... ADD VALUE`` is non-transactional, so the runner commits the value before a
later statement of the same migration uses it; removing or reordering values recreates the type (rename
away, create, convert each column, drop old), carrying the defaults of the columns that use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action, Hazard, HazardKind, hazards_of
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation, alter, path, ref
from pgshift.diff.kinds.column import type_key
from pgshift.diff.kinds.comment import SetComment, created_comment, on_schema_object
from pgshift.diff.plan import Plan
from pgshift.model.schema import (
    Column,
    Enum,
    Model,
    Table,
    qualified,
)
from pgshift.model.types import quote_ident, quote_literal


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


def _target(enum: Enum) -> str:
    return on_schema_object("TYPE", enum.schema, enum.name)


def _enum_values_sql(values: tuple[str, ...]) -> str:
    return ", ".join(quote_literal(v) for v in values)


@dataclass(frozen=True)
class CreateEnum(Operation):
    """CREATE TYPE ... AS ENUM."""

    enum: Enum
    action = Action.CREATE_TYPE

    @property
    def subject(self) -> str:
        return self.enum.key

    def sql(self) -> list[str]:
        e = self.enum
        return [
            f"CREATE TYPE {ref(e.schema, e.name)} AS ENUM({_enum_values_sql(e.values)});",
            *created_comment(_target(e), e.comment),
        ]

    def reverse(self) -> Operation:
        return DropEnum(self.enum)

    def describe(self) -> str:
        return f"create enum {self.enum.key}"


@dataclass(frozen=True)
class DropEnum(Operation):
    """DROP TYPE, of an enum."""

    enum: Enum
    action = Action.DROP_TYPE

    @property
    def subject(self) -> str:
        return self.enum.key

    def sql(self) -> list[str]:
        return [f"DROP TYPE {ref(self.enum.schema, self.enum.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.TYPE, self.enum.schema, self.enum.name),)

    def reverse(self) -> Operation:
        return CreateEnum(self.enum)

    def describe(self) -> str:
        return f"drop enum {self.enum.key}"


@dataclass(frozen=True)
class RenameEnum(Operation):
    """ALTER TYPE ... RENAME TO, of an enum."""

    schema: str
    old: str
    new: str
    action = Action.RENAME_ENUM_VALUE  # same cost class: ACCESS EXCLUSIVE on the type, breaks old code

    @property
    def subject(self) -> str:
        return path(self.schema, self.old)

    def sql(self) -> list[str]:
        return [f"ALTER TYPE {ref(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]

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
    action = Action.ALTER_COLUMN_TYPE

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
        target = ref(e.schema, e.name)
        out = [
            f"ALTER TYPE {target} RENAME TO {quote_ident(old_name)};",
            f"CREATE TYPE {target} AS ENUM({_enum_values_sql(e.values)});",
            *created_comment(_target(e), e.comment),  # the rebuilt type is a new object
        ]
        for u in self.usages:
            if u.default_before is not None:
                out.append(f"{alter(u.schema, u.table)} ALTER COLUMN {quote_ident(u.column)} DROP DEFAULT;")
            arr = "[]" * u.dimensions
            col = quote_ident(u.column)
            out.append(
                f"{alter(u.schema, u.table)} ALTER COLUMN {col} SET DATA TYPE {target}{arr} "
                f"USING {col}::text{arr}::{target}{arr};"
            )
            if u.default_after is not None:
                out.append(f"{alter(u.schema, u.table)} ALTER COLUMN {col} SET DEFAULT {u.default_after};")
        out.append(f"DROP TYPE {ref(e.schema, old_name)};")
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
    action = Action.ADD_ENUM_VALUE
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
        head = f"ALTER TYPE {ref(self.new.schema, self.new.name)} ADD VALUE"
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
    """ALTER TYPE ... RENAME VALUE."""

    schema: str
    enum: str
    old: str
    new: str
    action = Action.RENAME_ENUM_VALUE

    @property
    def subject(self) -> str:
        return path(self.schema, self.enum)

    def sql(self) -> list[str]:
        return [
            f"ALTER TYPE {ref(self.schema, self.enum)} RENAME VALUE {quote_literal(self.old)} "
            f"TO {quote_literal(self.new)};"
        ]

    def reverse(self) -> Operation:
        return RenameEnumValue(self.schema, self.enum, self.new, self.old)

    def describe(self) -> str:
        return f"rename value {self.old!r} of enum {self.schema}.{self.enum} to {self.new!r}"


def string_constants(expression: str) -> set[str]:
    """The string literals in an expression (``'guest'::role`` -> {"guest"}), found by the parser."""
    import postgast
    from postgast.pg_query_pb2 import A_Const

    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return set()
    return {node.sval.sval for node in postgast.find_nodes(tree, A_Const) if node.HasField("sval")}


def _uses_enum(c: Column, enum: Enum) -> bool:
    if c.type.builtin:
        return False
    return c.type.base == enum.name and (c.type.schema or "public") == enum.schema


def enum_usages(
    old: Model, new: Model | None, enum: Enum, removed: tuple[str, ...] = ()
) -> tuple[EnumUsage, ...]:
    """Columns of ``old`` whose type is ``enum`` or an array of it, with the defaults around a rebuild.

    With ``new`` given, a column that keeps the type gets its new default set right after the rebuild
    (the differ then skips the separate default change); others get their old default back unless it
    names a removed value.
    """
    out = []
    for t in old.tables:
        for c in t.columns:
            if not _uses_enum(c, enum):
                continue
            dims = c.type.array_dims
            after: str | None = c.default
            nt = new.table(t.schema, t.name) if new is not None else None
            nc = nt.column(c.name) if nt is not None else None
            if nc is not None and type_key(nc) == type_key(c):
                after = nc.default
            elif c.default is not None and string_constants(c.default) & set(removed):
                after = None
            out.append(EnumUsage(t.schema, t.name, c.name, dims, c.default, after))
    return tuple(out)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(v in it for v in short)


def diff_enums(old: Model, new: Model, plan: Plan) -> Model:
    """Enum ops into ``plan``; returns ``old`` as it stands after them, for the rest of the diff.

    An enum rebuild also drops and resets the defaults of the columns using the type, so the columns of
    the returned model carry the default each has after the rebuild: a later op on such a column (its
    drop, its table's drop, a type change) starts from there, and its reverse, which the down migration
    runs before the rebuild is undone, never restores a default naming a value the type lacks yet.
    """
    rebuilt: dict[tuple[str, str, str], str | None] = {}
    for enum in new.enums:
        before = old.enum(enum.schema, enum.name)
        if before is None:
            plan.enums.append(CreateEnum(enum))
        elif before.values != enum.values:
            usages = enum_usages(old, None, before)
            if _is_subsequence(before.values, enum.values):
                plan.enums.append(AddEnumValues(before, enum, usages))
            else:
                removed = tuple(v for v in before.values if v not in enum.values)
                recreate = RecreateEnum(before, enum, enum_usages(old, new, before, removed))
                plan.enums.append(recreate)
                rebuilt |= {(u.schema, u.table, u.column): u.default_after for u in recreate.usages}
                plan.reshaped |= {qualified(u.schema, u.table) for u in recreate.usages}
                continue  # the rebuilt type carries the new comment
        if before is not None and before.comment != enum.comment:
            plan.enums.append(SetComment(_target(enum), "enum", enum.key, before.comment, enum.comment))
    plan.late_drops += [DropEnum(e) for e in reversed(old.enums) if new.enum(e.schema, e.name) is None]
    return _with_defaults(old, rebuilt) if rebuilt else old


def _with_defaults(model: Model, defaults: dict[tuple[str, str, str], str | None]) -> Model:
    """``model`` with the default of each ``(schema, table, column)`` in ``defaults`` replaced."""

    def column(t: Table, c: Column) -> Column:
        key = (t.schema, t.name, c.name)
        return replace(c, default=defaults[key]) if key in defaults else c

    tables = tuple(replace(t, columns=tuple(column(t, c) for c in t.columns)) for t in model.tables)
    return replace(model, tables=tables)


def rename_op(model: Model, container: str, old: str, new: str) -> Operation:
    return RenameEnum(container, old, new)


def rename_value_op(model: Model, container: str, old: str, new: str) -> Operation:
    """``container`` is ``schema.enum``."""
    schema, _, name = container.partition(".")
    return RenameEnumValue(schema, name, old, new)
