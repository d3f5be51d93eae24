"""The differ: two models in, the ordered operations that turn the first into the second out.

A pure function of its inputs (no database, no I/O), so ``generate`` (code vs snapshot), ``push`` and
drift detection (code vs live database) share it. Renames are not guessed: they come in as decisions
(pgshift.renames) and are applied to the old model first, so the rest of the diff compares by name.

Order of the result, chosen so every statement finds what it needs and the reversed list (the down
migration) is valid too:

1. renames; 2. CREATE SCHEMA; 3. enums (create, add values, recreate); 4. sequences (create, alter);
5. CREATE TABLE (columns, PK, uniques, checks, indexes inline); 6. drops of what changes or goes on
surviving tables: policies, foreign keys, indexes, constraints (views that change, or read a table
whose columns change, are dropped first of all, right after the renames); 7. column adds and alterations;
8. column drops; 9. constraints added to surviving tables; 10. indexes on surviving tables
(CONCURRENTLY); 11. all foreign keys; 12. comments and RLS; 13. policies; 14. views; 15. DROP TABLE;
16. DROP SEQUENCE / TYPE / SCHEMA.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pgshift.diff import operations as ops
from pgshift.diff.renames import RenameDecisions, apply_rename, apply_renames
from pgshift.diff.renames import rename_candidates as find_rename_candidates  # noqa: F401  (former home)
from pgshift.model.schema import (
    Column,
    Enum,
    ForeignKey,
    Model,
    Sequence,
    SequenceOptions,
    Table,
    View,
    qualified,
)
from pgshift.model.types import parse_type
from pgshift.pg.naming import owned_sequence_name


@dataclass
class _Plan:
    renames: list[ops.Operation] = field(default_factory=list)
    schemas: list[ops.Operation] = field(default_factory=list)
    enums: list[ops.Operation] = field(default_factory=list)
    sequences: list[ops.Operation] = field(default_factory=list)
    create_tables: list[ops.Operation] = field(default_factory=list)
    drop_views: list[ops.Operation] = field(default_factory=list)
    drop_policies: list[ops.Operation] = field(default_factory=list)
    drop_fks: list[ops.Operation] = field(default_factory=list)
    early_drops: list[ops.Operation] = field(default_factory=list)  # indexes and other constraints
    columns: list[ops.Operation] = field(default_factory=list)
    drop_columns: list[ops.Operation] = field(default_factory=list)
    constraints: list[ops.Operation] = field(default_factory=list)
    indexes: list[ops.Operation] = field(default_factory=list)
    foreign_keys: list[ops.Operation] = field(default_factory=list)
    table_meta: list[ops.Operation] = field(default_factory=list)
    policies: list[ops.Operation] = field(default_factory=list)
    views: list[ops.Operation] = field(default_factory=list)
    drop_tables: list[ops.Operation] = field(default_factory=list)
    late_drops: list[ops.Operation] = field(default_factory=list)
    reshaped: set[str] = field(default_factory=set)  # tables whose column types change or columns go
    old_tables: dict[str, Table] = field(default_factory=dict)  # by key, for O(1) lookups
    new_tables: dict[str, Table] = field(default_factory=dict)

    def ordered(self) -> list[ops.Operation]:
        return [
            *self.renames,
            *self.drop_views,  # first: a view blocks type changes (and enum rebuilds) of what it reads
            *self.schemas,
            *self.enums,
            *self.sequences,
            *self.create_tables,
            *self.drop_policies,
            *self.drop_fks,
            *self.early_drops,
            *self.columns,
            *self.drop_columns,
            *self.constraints,
            *self.indexes,
            *self.foreign_keys,
            *self.table_meta,
            *self.policies,
            *self.views,
            *self.drop_tables,
            *self.late_drops,
        ]


def _owns_default_sequence(column: Column) -> bool:
    """Serial, or identity whose sequence has Postgres's default name ``<table>_<column>_seq``."""
    return column.is_serial or (column.identity is not None and column.identity.sequence_name is None)


def _rename_op(model: Model, kind: str, container: str, old: str, new: str) -> ops.Operation:
    """The op for one rename; ``model`` is the state just before it (to find owned sequences)."""
    if kind == "schema":
        return ops.RenameSchema(old, new)
    if kind == "table":
        table = model.table(container, old)
        owned = tuple(c.name for c in table.columns if _owns_default_sequence(c)) if table else ()
        return ops.RenameTable(container, old, new, owned)
    if kind == "enum":
        return ops.RenameEnum(container, old, new)
    if kind == "sequence":
        return ops.RenameSequence(container, old, new)
    schema, _, name = container.partition(".")
    if kind == "column":
        table = model.table(schema, name)
        column = table.column(old) if table else None
        return ops.RenameColumn(schema, name, old, new, column is not None and _owns_default_sequence(column))
    return ops.RenameEnumValue(schema, name, old, new)


def diff(old: Model, new: Model, *, renames: RenameDecisions | None = None) -> list[ops.Operation]:
    """Operations taking ``old`` to ``new``, ordered for execution (see module docstring)."""
    plan = _Plan()
    if renames is not None:
        original = old
        old, applied = apply_renames(old, new, renames)
        state = original
        for rename in applied:
            plan.renames.append(_rename_op(state, *rename))
            state = apply_rename(state, *rename)
    old = _diff_enums(old, new, plan)
    _diff_sequences(old, new, plan)
    _diff_tables(old, new, plan)
    _diff_views(old, new, plan)
    _diff_schemas(old, new, plan)  # last: its drops go after those of the sequences and types in them
    return plan.ordered()


def _diff_schemas(old: Model, new: Model, plan: _Plan) -> None:
    plan.schemas += [ops.CreateSchema(s) for s in new.schemas if s not in old.schemas]
    # Dropped last of all (after the tables and types in them).
    plan.late_drops += [ops.DropSchema(s) for s in reversed(old.schemas) if s not in new.schemas]


def string_constants(expression: str) -> set[str]:
    """The string literals in an expression (``'guest'::role`` -> {"guest"}), found by the parser."""
    import postgast
    from postgast.pg_query_pb2 import A_Const

    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return set()
    return {node.sval.sval for node in postgast.find_nodes(tree, A_Const) if node.HasField("sval")}


def type_key(c: Column) -> tuple[str, str | None]:
    """A column's type for comparison: a user-defined type without a schema is in ``public``, so a
    source that leaves ``public`` implicit and one that spells it do not differ."""
    if c.type_schema is None and not c.is_serial and not parse_type(c.type).builtin:
        return c.type, "public"
    return c.type, c.type_schema


def _uses_enum(c: Column, enum: Enum) -> bool:
    if c.is_serial or (c.type_schema is None and parse_type(c.type).builtin):
        return False
    return c.type.rstrip("[]") == enum.name and (c.type_schema or "public") == enum.schema


def enum_usages(
    old: Model, new: Model | None, enum: Enum, removed: tuple[str, ...] = ()
) -> tuple[ops.EnumUsage, ...]:
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
            dims = (len(c.type) - len(c.type.rstrip("[]"))) // 2
            after: str | None = c.default
            nt = new.table(t.schema, t.name) if new is not None else None
            nc = nt.column(c.name) if nt is not None else None
            if nc is not None and type_key(nc) == type_key(c):
                after = nc.default
            elif c.default is not None and string_constants(c.default) & set(removed):
                after = None
            out.append(ops.EnumUsage(t.schema, t.name, c.name, dims, c.default, after))
    return tuple(out)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(v in it for v in short)


def _diff_enums(old: Model, new: Model, plan: _Plan) -> Model:
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
            plan.enums.append(ops.CreateEnum(enum))
        elif before.values != enum.values:
            usages = enum_usages(old, None, before)
            if _is_subsequence(before.values, enum.values):
                plan.enums.append(ops.AddEnumValues(before, enum, usages))
            else:
                removed = tuple(v for v in before.values if v not in enum.values)
                recreate = ops.RecreateEnum(before, enum, enum_usages(old, new, before, removed))
                plan.enums.append(recreate)
                rebuilt |= {(u.schema, u.table, u.column): u.default_after for u in recreate.usages}
                plan.reshaped |= {qualified(u.schema, u.table) for u in recreate.usages}
    plan.late_drops += [ops.DropEnum(e) for e in reversed(old.enums) if new.enum(e.schema, e.name) is None]
    return _with_defaults(old, rebuilt) if rebuilt else old


def _with_defaults(model: Model, defaults: dict[tuple[str, str, str], str | None]) -> Model:
    """``model`` with the default of each ``(schema, table, column)`` in ``defaults`` replaced."""

    def column(t: Table, c: Column) -> Column:
        key = (t.schema, t.name, c.name)
        return replace(c, default=defaults[key]) if key in defaults else c

    tables = tuple(replace(t, columns=tuple(column(t, c) for c in t.columns)) for t in model.tables)
    return replace(model, tables=tables)


def _diff_sequences(old: Model, new: Model, plan: _Plan) -> None:
    before = {s.key: s for s in old.sequences}
    after = {s.key: s for s in new.sequences}
    for key, seq in after.items():
        if key not in before:
            plan.sequences.append(ops.CreateSequence(seq))
        elif not _same_sequence(before[key], seq):
            plan.sequences.append(ops.AlterSequence(before[key], seq))
    plan.late_drops[:0] = [ops.DropSequence(s) for k, s in reversed(before.items()) if k not in after]


def _bare(table: Table) -> Table:
    """A table without foreign keys and policies: those are separate operations."""
    return replace(table, foreign_keys=(), policies=())


def _key_columns_changed(old_t: Table, new_t: Table | None, columns: tuple[str, ...]) -> bool:
    """Whether the referenced key (PK/unique over ``columns``) is dropped or changed, or a column's type changes."""
    if new_t is None:
        return True
    for name in columns:
        a, b = old_t.column(name), new_t.column(name)
        if a is None or b is None or type_key(a) != type_key(b):
            return True
    keys_old = [
        k for k in (old_t.primary_key, *old_t.unique_constraints) if k is not None and k.columns == columns
    ]
    keys_old += [i for i in old_t.indexes if i.unique and tuple(e.expression for e in i.elements) == columns]
    keys_new = [k for k in (new_t.primary_key, *new_t.unique_constraints, *new_t.indexes) if k is not None]
    # A key that survives, possibly under a new name (renamed with its table), keeps the FK valid.
    return not all(
        any(type(k2) is type(k) and replace(k2, name=k.name) == k for k2 in keys_new) for k in keys_old
    )


def _fk_changed(fk: ForeignKey, plan: _Plan) -> bool:
    key = qualified(fk.ref_schema, fk.ref_table)
    ref_old = plan.old_tables.get(key)
    if ref_old is None:
        return False
    return _key_columns_changed(ref_old, plan.new_tables.get(key), fk.ref_columns)


def _diff_tables(old: Model, new: Model, plan: _Plan) -> None:
    plan.old_tables = {t.key: t for t in old.tables}
    plan.new_tables = {t.key: t for t in new.tables}
    for table in new.tables:
        before = plan.old_tables.get(table.key)
        if before is None:
            plan.create_tables.append(ops.CreateTable(_bare(table)))
            plan.foreign_keys += [
                ops.AddConstraint(table.schema, table.name, fk, on_new_table=True)
                for fk in table.foreign_keys
            ]
            plan.policies += [ops.CreatePolicy(table.schema, table.name, p) for p in table.policies]
        else:
            _diff_table(before, table, plan)
    for table in old.tables:
        if table.key not in plan.new_tables:
            plan.drop_policies += [ops.DropPolicy(table.schema, table.name, p) for p in table.policies]
            plan.drop_fks += [ops.DropConstraint(table.schema, table.name, fk) for fk in table.foreign_keys]
            plan.drop_tables.append(ops.DropTable(_bare(table)))


def _by_name(items) -> dict:  # type: ignore[no-untyped-def]
    return {item.name: item for item in items}


def _renamed_by_definition(before: dict, after: dict) -> dict[str, str]:  # type: ignore[type-arg]
    """old name -> new name for items that only changed name (one unambiguous match each)."""
    gone = {name: item for name, item in before.items() if name not in after}
    added = {name: item for name, item in after.items() if name not in before}
    out: dict[str, str] = {}
    for old_name, item in gone.items():
        matches = [
            new_name
            for new_name, other in added.items()
            if type(other) is type(item) and replace(other, name=old_name) == item
        ]
        if len(matches) == 1 and matches[0] not in out.values():
            out[old_name] = matches[0]
    return out


def _apply_name_matches(a: Table, b: Table, plan: _Plan) -> Table:
    """Rename constraints and indexes whose definition is unchanged but whose name changed (after a
    table or column rename the names derived from them change); returns ``a`` with the new names."""
    s, n = b.schema, b.name
    keys_a = _by_name(
        [
            *([a.primary_key] if a.primary_key else []),
            *a.unique_constraints,
            *a.check_constraints,
            *a.foreign_keys,
        ]
    )
    keys_b = _by_name(
        [
            *([b.primary_key] if b.primary_key else []),
            *b.unique_constraints,
            *b.check_constraints,
            *b.foreign_keys,
        ]
    )
    renamed = _renamed_by_definition(keys_a, keys_b)
    index_renames = _renamed_by_definition(_by_name(a.indexes), _by_name(b.indexes))
    if not renamed and not index_renames:
        return a
    plan.renames += [ops.RenameConstraint(s, n, o, new) for o, new in sorted(renamed.items())]
    plan.renames += [ops.RenameIndex(s, n, o, new) for o, new in sorted(index_renames.items())]

    def fix(items):  # type: ignore[no-untyped-def]
        return tuple(replace(i, name=renamed.get(i.name, index_renames.get(i.name, i.name))) for i in items)

    pk = a.primary_key
    return replace(
        a,
        primary_key=replace(pk, name=renamed.get(pk.name, pk.name)) if pk else None,
        unique_constraints=fix(a.unique_constraints),
        check_constraints=fix(a.check_constraints),
        foreign_keys=fix(a.foreign_keys),
        indexes=fix(a.indexes),
    )


def _diff_table(a: Table, b: Table, plan: _Plan) -> None:
    s, n = b.schema, b.name
    a = _apply_name_matches(a, b, plan)
    dropped_columns = [c for c in a.columns if b.column(c.name) is None]
    regenerated = {
        c.name for c in b.columns if (prev := a.column(c.name)) is not None and prev.generated != c.generated
    }

    # Policies (they may reference columns) and foreign keys first.
    pa, pb = _by_name(a.policies), _by_name(b.policies)
    plan.drop_policies += [ops.DropPolicy(s, n, p) for name, p in pa.items() if pb.get(name) != p]
    plan.policies += [ops.CreatePolicy(s, n, p) for name, p in pb.items() if pa.get(name) != p]

    fa, fb = _by_name(a.foreign_keys), _by_name(b.foreign_keys)
    for name, fk in fa.items():
        if fb.get(name) != fk or _fk_changed(fk, plan) or set(fk.columns) & regenerated:
            plan.drop_fks.append(ops.DropConstraint(s, n, fk))
            if name in fb:
                plan.foreign_keys.append(ops.AddConstraint(s, n, fb[name], not_valid=True))
    plan.foreign_keys += [
        ops.AddConstraint(s, n, fk, not_valid=True) for name, fk in fb.items() if name not in fa
    ]

    # Indexes and constraints that change or go; dropped before the columns they cover change.
    ia, ib = _by_name(a.indexes), _by_name(b.indexes)
    for name, index in ia.items():
        covers = {e.expression for e in index.elements if not e.is_expression} | set(index.include)
        if ib.get(name) != index or covers & regenerated:
            plan.early_drops.append(ops.DropIndex(s, n, index, concurrently=True))
            if name in ib:
                plan.indexes.append(ops.CreateIndex(s, n, ib[name], concurrently=True))
    plan.indexes += [ops.CreateIndex(s, n, i, concurrently=True) for name, i in ib.items() if name not in ia]

    ca = _by_name([*([a.primary_key] if a.primary_key else []), *a.unique_constraints, *a.check_constraints])
    cb = _by_name([*([b.primary_key] if b.primary_key else []), *b.unique_constraints, *b.check_constraints])
    for name, c in ca.items():
        cols = set(getattr(c, "columns", ()))
        if cb.get(name) != c or cols & regenerated:
            plan.early_drops.append(ops.DropConstraint(s, n, c))
            if name in cb:
                plan.constraints.append(_add_constraint(s, n, cb[name]))
    plan.constraints += [_add_constraint(s, n, c) for name, c in cb.items() if name not in ca]

    # Columns.
    for column in b.columns:
        prev = a.column(column.name)
        if prev is None or column.name in regenerated:
            if prev is not None:
                plan.drop_columns.append(ops.DropColumn(s, n, prev))
                plan.constraints.insert(0, ops.AddColumn(s, n, column))
            else:
                plan.columns.append(ops.AddColumn(s, n, column))
            continue
        changes = _diff_column(s, n, prev, column)
        if any(isinstance(op, ops.AlterColumnType) for op in changes):
            plan.reshaped.add(b.key)
        plan.columns += changes
    plan.drop_columns += [ops.DropColumn(s, n, c) for c in dropped_columns]
    if dropped_columns or regenerated:
        plan.reshaped.add(b.key)

    if a.comment != b.comment:
        plan.table_meta.append(ops.SetTableComment(s, n, a.comment, b.comment))
    if a.rls_enabled != b.rls_enabled:
        plan.table_meta.append(ops.SetRowLevelSecurity(s, n, b.rls_enabled))


def _add_constraint(schema: str, table: str, constraint) -> ops.Operation:  # type: ignore[no-untyped-def]
    from pgshift.model.schema import CheckConstraint

    # On a table that already exists, CHECK is added NOT VALID then validated. UNIQUE and PRIMARY KEY
    # stay plain ADD CONSTRAINT (transactional): the CONCURRENTLY + USING INDEX form (AddConstraint
    # using_index) would make drizzle-orm's one-transaction migrator fail on such a folder, and the
    # linter already points at it when the table is large.
    return ops.AddConstraint(schema, table, constraint, not_valid=isinstance(constraint, CheckConstraint))


def _diff_column(s: str, n: str, a: Column, b: Column) -> list[ops.Operation]:
    out: list[ops.Operation] = []
    if type_key(a) != type_key(b):
        out.append(ops.AlterColumnType(s, n, a, b))
    elif not _same_default(a, b):
        out.append(ops.SetDefault(s, n, b.name, a.default, b.default))
    if b.not_null and not a.not_null:
        out.append(ops.SetNotNull(s, n, b.name, True))
    if not _same_identity(a, b, n):
        out.append(ops.AlterIdentity(s, n, b.name, a.identity, b.identity))
    if a.not_null and not b.not_null:
        out.append(ops.SetNotNull(s, n, b.name, False))
    if a.comment != b.comment:
        out.append(ops.SetColumnComment(s, n, b.name, a.comment, b.comment))
    return out


def _same_default(a: Column, b: Column) -> bool:
    """Defaults compared in their canonical spelling, whatever source built each model."""
    if a.default is None or b.default is None:
        return a.default == b.default
    from pgshift.model.types import canonical_default

    return canonical_default(a.default, b.type, b.type_schema) == canonical_default(
        b.default, b.type, b.type_schema
    )


_MAX = {"smallint": "32767", "integer": "2147483647", "bigint": "9223372036854775807"}


def effective_sequence_options(options: SequenceOptions, data_type: str | None) -> SequenceOptions:
    """Options with Postgres's defaults filled in, so ``None`` and the spelled-out default compare equal
    (a snapshot written by drizzle-kit spells every option; schema code usually spells none)."""
    increment = options.increment or "1"
    ascending = not increment.startswith("-")
    type_max = _MAX.get(data_type or "bigint", _MAX["bigint"])
    type_min = "-" + str(int(type_max) + 1)
    min_value = options.min_value or ("1" if ascending else type_min)
    max_value = options.max_value or (type_max if ascending else "-1")
    start = options.start_with or (min_value if ascending else max_value)
    return SequenceOptions(increment, min_value, max_value, start, options.cache or "1", options.cycle)


def _same_identity(a: Column, b: Column, table: str) -> bool:
    if a.identity is None or b.identity is None:
        return a.identity == b.identity
    default_name = owned_sequence_name(table, b.name)
    ia, ib = a.identity, b.identity
    return (
        ia.kind == ib.kind
        and (ia.sequence_name or default_name) == (ib.sequence_name or default_name)
        and effective_sequence_options(ia.options, a.type) == effective_sequence_options(ib.options, b.type)
    )


def _same_sequence(a: Sequence, b: Sequence) -> bool:
    return (a.data_type or "bigint") == (b.data_type or "bigint") and effective_sequence_options(
        a.options, a.data_type
    ) == effective_sequence_options(b.options, b.data_type)


def _diff_views(old: Model, new: Model, plan: _Plan) -> None:
    before = {v.key: v for v in old.views}
    after = {v.key: v for v in new.views}
    # Views may read any table: drop changed ones before table changes, create after them. Postgres
    # also refuses to change the type of (or drop) a column a view reads, so a view over a reshaped
    # table is dropped and created again around the change.
    rebuilt = {k for k, v in before.items() if after.get(k) == v and _reads(v) & plan.reshaped}
    plan.drop_views += [
        ops.DropView(v) for k, v in reversed(before.items()) if after.get(k) != v or k in rebuilt
    ]
    plan.views += [ops.CreateView(v) for k, v in after.items() if before.get(k) != v or k in rebuilt]


def _reads(view: View) -> set[str]:
    """``schema.table`` keys of the relations a view's query names (unqualified ones: public)."""
    import postgast

    try:
        names = postgast.extract_tables(postgast.parse(view.definition))
    except postgast.PgQueryError:
        return set()
    return {name if "." in name else f"public.{name}" for name in names}
