"""Tables (the kind ``table``): create, drop, rename, comment, RLS switch, and the table's alter logic,
which diffs its children (columns, constraints, indexes, policies) with their own modules' ops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from pgshift.diff import render
from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation, alter, path, ref
from pgshift.diff.kinds.column import (
    AddColumn,
    AlterColumnType,
    AlterIdentity,
    DropColumn,
    DropExpression,
    RecomputeColumn,
    SetDefault,
    column_sql,
    created_settings,
    diff_column,
    not_valid_not_null_sql,
    owns_default_sequence,
    rename_not_null_sql,
    type_key,
)
from pgshift.diff.kinds.comment import (
    SetComment,
    constraint_target,
    created_comment,
    index_target,
    policy_target,
    same_but_comment,
)
from pgshift.diff.kinds.constraint import (
    AddConstraint,
    Constraint,
    DropConstraint,
    RenameConstraint,
    SetEnforced,
    ValidateConstraint,
    add_constraint,
    constraint_sql,
)
from pgshift.diff.kinds.foreign import options_change_sql, options_sql
from pgshift.diff.kinds.index import (
    CreateIndex,
    CreatePartitionedIndex,
    DropIndex,
    RenameIndex,
    create_index_sql,
    index_settings_sql,
    index_statistics_changes,
    without_settings,
)
from pgshift.diff.kinds.policy import CreatePolicy, DropPolicy
from pgshift.diff.kinds.sequence import rename_owned_sequence
from pgshift.diff.plan import Plan
from pgshift.model.schema import (
    HEAP,
    CheckConstraint,
    ExcludeConstraint,
    ForeignKey,
    Index,
    Model,
    Options,
    Partition,
    Policy,
    PrimaryKey,
    Table,
    UniqueConstraint,
    qualified,
)
from pgshift.model.types import default_clause_sql, qualified_name, quote_ident
from pgshift.pg.naming import not_null_name, owned_sequence_name
from pgshift.pg.parser import options_changes, referenced_columns, storage_parameters_written


@dataclass(frozen=True)
class CreateTable(Operation):
    """CREATE TABLE with columns, primary key, uniques and checks inline, then the table's indexes,
    comments and RLS switch. Foreign keys and policies are separate ops (they depend on other tables)."""

    table: Table

    @property
    def action(self) -> Action:
        return Action.CREATE_FOREIGN_TABLE if self.table.foreign else Action.CREATE_TABLE

    @property
    def subject(self) -> str:
        return self.table.key

    def sql(self) -> list[str]:
        t = self.table
        out = [create_table_sql(t)]
        out += [
            f"{alter(t.schema, t.name)} ADD {constraint_sql(c)} NOT VALID;"
            for c in t.check_constraints
            if c.not_valid
        ]
        out += [s for c in t.columns for s in not_valid_not_null_sql(t.schema, t.name, c)]
        for p in t.partitions:
            out += CreatePartition(t, p).sql()
        out += [s for c in t.columns for s in created_settings(t.schema, t.name, c)]
        out += [create_index_sql(t.schema, t.name, i, concurrently=False) for i in t.indexes]
        out += [s for i in t.indexes for s in index_settings_sql(t.schema, i)]
        if t.clustered_on is not None:
            out += ClusterOn(t.schema, t.name, None, t.clustered_on).sql()
        out += [
            s
            for c in _keys(t, with_foreign_keys=False)
            for s in created_comment(constraint_target(t.schema, t.name, c.name), c.comment)
        ]
        if t.comment is not None:
            out.append(f"COMMENT ON {table_target(t)} IS {render.comment_literal(t.comment)};")
        for c in t.columns:
            if c.comment is not None:
                out.append(
                    f"COMMENT ON COLUMN {ref(t.schema, t.name)}.{quote_ident(c.name)} IS "
                    f"{render.comment_literal(c.comment)};"
                )
        if t.rls_enabled:
            out.append(f"{alter(t.schema, t.name)} ENABLE ROW LEVEL SECURITY;")
        return out

    def reverse(self) -> Operation:
        return DropTable(self.table)

    def describe(self) -> str:
        return f"create {'foreign ' if self.table.foreign else ''}table {self.table.key}"


@dataclass(frozen=True)
class DropTable(Operation):
    """DROP TABLE. ``table`` is the definition to restore (without foreign keys and policies, which
    the differ drops in their own ops first so that their reverses restore them)."""

    table: Table

    @property
    def action(self) -> Action:
        return Action.DROP_FOREIGN_TABLE if self.table.foreign else Action.DROP_TABLE

    @property
    def subject(self) -> str:
        return self.table.key

    def sql(self) -> list[str]:
        return [f"DROP {table_target(self.table)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        if self.table.foreign:
            return ()  # a foreign table holds no rows here: the remote data stays where it is
        return (Destroyed(DestroyedKind.TABLE, self.table.schema, self.table.name),)

    def reverse(self) -> Operation:
        return CreateTable(self.table)

    def describe(self) -> str:
        return f"drop {'foreign ' if self.table.foreign else ''}table {self.table.key}"


@dataclass(frozen=True)
class RenameTable(Operation):
    """ALTER TABLE ... RENAME TO; ``sequence_columns`` (serial and default-named identity columns) get
    their ``<table>_<column>_seq`` renamed too, since Postgres leaves it under the old table's name and
    a table created with the new name would have the new one; so do the ``<table>_<column>_not_null``
    constraints of ``not_null_columns`` (PostgreSQL 18+, see ``rename_not_null_sql``)."""

    schema: str
    old: str
    new: str
    sequence_columns: tuple[str, ...] = ()
    not_null_columns: tuple[str, ...] = ()
    action = Action.RENAME_TABLE

    @property
    def subject(self) -> str:
        return path(self.schema, self.old)

    def sql(self) -> list[str]:
        out = [f"ALTER TABLE {ref(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]
        for column in self.sequence_columns:
            out += rename_owned_sequence(
                self.schema, owned_sequence_name(self.old, column), owned_sequence_name(self.new, column)
            )
        names = [(not_null_name(self.old, c), not_null_name(self.new, c)) for c in self.not_null_columns]
        return out + rename_not_null_sql(self.schema, self.new, names)

    def reverse(self) -> Operation:
        return RenameTable(self.schema, self.new, self.old, self.sequence_columns, self.not_null_columns)

    def describe(self) -> str:
        return f"rename table {self.schema}.{self.old} to {self.new}"


@dataclass(frozen=True)
class SetRowLevelSecurity(Operation):
    """ALTER TABLE ... ENABLE or DISABLE ROW LEVEL SECURITY."""

    schema: str
    table: str
    enabled: bool

    @property
    def action(self) -> Action:
        return Action.ENABLE_RLS if self.enabled else Action.DISABLE_RLS

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        verb = "ENABLE" if self.enabled else "DISABLE"
        return [f"{alter(self.schema, self.table)} {verb} ROW LEVEL SECURITY;"]

    def reverse(self) -> Operation:
        return SetRowLevelSecurity(self.schema, self.table, not self.enabled)

    def describe(self) -> str:
        return f"{'enable' if self.enabled else 'disable'} row level security on {self.subject}"


@dataclass(frozen=True)
class SetTableComment(Operation):
    """COMMENT ON TABLE, from ``old`` to ``new`` (None: no comment)."""

    schema: str
    table: str
    old: str | None
    new: str | None
    foreign: bool = False  # COMMENT ON FOREIGN TABLE (COMMENT ON TABLE refuses a foreign table)
    action = Action.COMMENT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        keyword = "FOREIGN TABLE" if self.foreign else "TABLE"
        return [f"COMMENT ON {keyword} {ref(self.schema, self.table)} IS {render.comment_literal(self.new)};"]

    def reverse(self) -> Operation:
        return SetTableComment(self.schema, self.table, self.new, self.old, self.foreign)

    def describe(self) -> str:
        return f"comment on table {self.subject}"


@dataclass(frozen=True)
class SetForeignTableOptions(Operation):
    """``ALTER FOREIGN TABLE ... OPTIONS (ADD / SET / DROP ...)``: only the options that differ, so one
    the model never holds (named like a credential) stays as it is."""

    schema: str
    table: str
    old: Options
    new: Options
    action = Action.ALTER_FOREIGN_TABLE_OPTIONS

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        return [
            f"ALTER FOREIGN TABLE {ref(self.schema, self.table)}{options_change_sql(self.old, self.new)};"
        ]

    def reverse(self) -> Operation:
        return SetForeignTableOptions(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"change the options of foreign table {self.subject}"


@dataclass(frozen=True)
class SetColumnOptions(Operation):
    """``ALTER FOREIGN TABLE ... ALTER COLUMN c OPTIONS (ADD / SET / DROP ...)``."""

    schema: str
    table: str
    column: str
    old: Options
    new: Options
    action = Action.ALTER_FOREIGN_TABLE_OPTIONS

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.column)

    def sql(self) -> list[str]:
        change = options_change_sql(self.old, self.new)
        return [
            f"ALTER FOREIGN TABLE {ref(self.schema, self.table)} ALTER COLUMN {quote_ident(self.column)}{change};"
        ]

    def reverse(self) -> Operation:
        return SetColumnOptions(self.schema, self.table, self.column, self.new, self.old)

    def describe(self) -> str:
        return f"change the options of column {self.subject}"


@dataclass(frozen=True)
class CreatePartition(Operation):
    """CREATE TABLE ... PARTITION OF: the partition takes the parent's columns, constraints and indexes
    (a table created and then ATTACHed would keep its columns as its own, which is another schema)."""

    parent: Table
    partition: Partition
    action = Action.CREATE_PARTITION

    @property
    def subject(self) -> str:
        return self.partition.key

    def sql(self) -> list[str]:
        p = self.partition
        out = [create_partition_sql(self.parent, p), *partition_extras_sql(self.parent, p)]
        if p.comment is not None:
            keyword = "FOREIGN TABLE" if p.foreign else "TABLE"
            out.append(
                f"COMMENT ON {keyword} {ref(p.schema, p.name)} IS {render.comment_literal(p.comment)};"
            )
        return out

    def reverse(self) -> Operation:
        return DropPartition(self.parent, self.partition)

    def describe(self) -> str:
        return f"create partition {self.partition.key} of {self.parent.key}"


@dataclass(frozen=True)
class DropPartition(Operation):
    """DETACH then DROP. The detach is ``CONCURRENTLY`` (PostgreSQL 14+, outside a transaction, no
    ACCESS EXCLUSIVE on the parent) unless the parent has a DEFAULT partition, which forbids it."""

    parent: Table
    partition: Partition
    concurrently: bool = False

    @property
    def action(self) -> Action:
        return Action.DROP_PARTITION

    @property
    def transactional(self) -> bool:  # type: ignore[override]
        return not self.concurrently

    @property
    def subject(self) -> str:
        return self.partition.key

    def sql(self) -> list[str]:
        p = self.partition
        how = " CONCURRENTLY" if self.concurrently else ""
        return [
            f"{alter(self.parent.schema, self.parent.name)} DETACH PARTITION {ref(p.schema, p.name)}{how};",
            f"DROP {'FOREIGN TABLE' if p.foreign else 'TABLE'} {ref(p.schema, p.name)};",
        ]

    def destroys(self) -> tuple[Destroyed, ...]:
        if self.partition.foreign:
            return ()  # a foreign partition holds no rows here
        return (Destroyed(DestroyedKind.TABLE, self.partition.schema, self.partition.name),)

    def reverse(self) -> Operation:
        return CreatePartition(self.parent, self.partition)

    def describe(self) -> str:
        return f"drop partition {self.partition.key} of {self.parent.key}"


@dataclass(frozen=True)
class RebindPartition(Operation):
    """A partition's bound changes: DETACH, then ATTACH with the new bound (the attach scans the
    partition, under SHARE UPDATE EXCLUSIVE on the parent, to check its rows fit)."""

    parent: Table
    partition: Partition
    old_bound: str

    action = Action.ATTACH_PARTITION

    @property
    def subject(self) -> str:
        return self.partition.key

    def sql(self) -> list[str]:
        p, head = self.partition, alter(self.parent.schema, self.parent.name)
        return [
            f"{head} DETACH PARTITION {ref(p.schema, p.name)};",
            f"{head} ATTACH PARTITION {ref(p.schema, p.name)} {p.bound};",
        ]

    def reverse(self) -> Operation:
        return RebindPartition(
            self.parent, replace(self.partition, bound=self.old_bound), self.partition.bound
        )

    def describe(self) -> str:
        return f"change the bound of partition {self.partition.key}"


@dataclass(frozen=True)
class SetLogged(Operation):
    """SET LOGGED / SET UNLOGGED (rewrites the table)."""

    schema: str
    table: str
    unlogged: bool

    @property
    def action(self) -> Action:
        return Action.SET_UNLOGGED if self.unlogged else Action.SET_LOGGED

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        return [f"{alter(self.schema, self.table)} SET {'UNLOGGED' if self.unlogged else 'LOGGED'};"]

    def reverse(self) -> Operation:
        return SetLogged(self.schema, self.table, not self.unlogged)

    def describe(self) -> str:
        return f"make table {self.subject} {'unlogged' if self.unlogged else 'logged'}"


@dataclass(frozen=True)
class SetAccessMethod(Operation):
    """``ALTER TABLE ... SET ACCESS METHOD`` (PostgreSQL 15+): the rows are written again into the new
    method's storage (a rewrite under ACCESS EXCLUSIVE). None is heap, the default one."""

    schema: str
    table: str
    old: str | None
    new: str | None
    action = Action.SET_ACCESS_METHOD

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        return [f"{alter(self.schema, self.table)} SET ACCESS METHOD {quote_ident(self.new or HEAP)};"]

    def reverse(self) -> Operation:
        return SetAccessMethod(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"change the access method of table {self.subject} to {self.new or HEAP}"


@dataclass(frozen=True)
class SetStorageParameters(Operation):
    """``ALTER TABLE ... SET (...)`` / ``RESET (...)`` turning ``old`` into ``new`` (``name=value``
    as ``pg_class.reloptions`` holds them)."""

    schema: str
    table: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def action(self) -> Action:
        names = {p.partition("=")[0] for p in set(self.old) ^ set(self.new)}
        return (
            Action.SET_CATALOG_TABLE_OPTION
            if "user_catalog_table" in names
            else Action.SET_STORAGE_PARAMETERS
        )

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        return options_changes(alter(self.schema, self.table), self.old, self.new)

    def reverse(self) -> Operation:
        return SetStorageParameters(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"change the storage parameters of table {self.subject}"


@dataclass(frozen=True)
class ClusterOn(Operation):
    """``ALTER TABLE ... CLUSTER ON index`` (``new``) or ``SET WITHOUT CLUSTER`` (``new`` None): which index
    a bare ``CLUSTER`` orders the table (or the ``relation``, a materialized view) by. Only marks it: no
    row moves."""

    schema: str
    table: str
    old: str | None
    new: str | None
    relation: str = "table"
    action = Action.SET_CLUSTER

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        head = f"ALTER {self.relation.upper()} {ref(self.schema, self.table)}"
        if self.new is None:
            return [f"{head} SET WITHOUT CLUSTER;"]
        return [f"{head} CLUSTER ON {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return ClusterOn(self.schema, self.table, self.new, self.old, self.relation)

    def describe(self) -> str:
        if self.new is None:
            return f"unmark the clustered index of {self.relation} {self.subject}"
        return f"cluster {self.relation} {self.subject} on {self.new}"


@dataclass(frozen=True)
class SetInherit(Operation):
    """INHERIT / NO INHERIT one parent."""

    schema: str
    table: str
    parent: str  # schema.name
    inherit: bool

    @property
    def action(self) -> Action:
        return Action.INHERIT if self.inherit else Action.NO_INHERIT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table)

    def sql(self) -> list[str]:
        verb = "INHERIT" if self.inherit else "NO INHERIT"
        return [f"{alter(self.schema, self.table)} {verb} {table_ref_sql(self.parent)};"]

    def reverse(self) -> Operation:
        return SetInherit(self.schema, self.table, self.parent, not self.inherit)

    def describe(self) -> str:
        verb = "inherit from" if self.inherit else "stop inheriting from"
        return f"{self.subject}: {verb} {self.parent}"


def _diff_partitions(a: Table, b: Table, plan: Plan) -> None:
    old, new = {p.key: p for p in a.partitions}, {p.key: p for p in b.partitions}
    has_default = any(p.bound == "DEFAULT" for p in (*a.partitions, *b.partitions))
    for key, p in old.items():
        if key not in new:
            plan.drop_tables.append(DropPartition(a, p, concurrently=not has_default))
    for key, p in new.items():
        before = old.get(key)
        if before is not None and _rebuilt_foreign(before, p, plan):
            # becomes or stops being foreign, or changes server: detached and dropped first, made again
            plan.drop_rebuilt_tables.append(DropPartition(a, before))
            before = None
        if before is None:
            plan.create_tables.append(CreatePartition(b, p))
            continue
        if before.bound != p.bound:
            plan.table_meta.append(RebindPartition(b, p, before.bound))
        if before.comment != p.comment:
            foreign = p.foreign is not None
            plan.table_meta.append(SetTableComment(p.schema, p.name, before.comment, p.comment, foreign))
        if (
            before.foreign is not None
            and p.foreign is not None
            and before.foreign.options != p.foreign.options
        ):
            plan.table_meta.append(
                SetForeignTableOptions(p.schema, p.name, before.foreign.options, p.foreign.options)
            )
        _diff_partition_shape(a, b, before, p, plan)


def _effective_default(table: Table, partition: Partition, column: str) -> str | None:
    """The default a partition's column has: its own (None: none), else the parent's it copied."""
    own = dict(partition.defaults)
    if column in own:
        return own[column]
    parent_column = table.column(column)
    return parent_column.default if parent_column is not None else None


def _diff_partition_shape(a: Table, b: Table, before: Partition, after: Partition, plan: Plan) -> None:
    """A kept partition's own defaults and CHECKs. A parent's SET DEFAULT reaches every partition, so
    when the parent's default changes too, its SetDefault carries the partition's along."""
    columns = sorted({c for c, _ in before.defaults} | {c for c, _ in after.defaults})
    for column in columns:
        was, now = _effective_default(a, before, column), _effective_default(b, after, column)
        parent_op = next(
            (i for i, op in enumerate(plan.columns) if isinstance(op, SetDefault)
             and (op.schema, op.table, op.column) == (b.schema, b.name, column)),
            None,
        )  # fmt: skip
        if parent_op is not None:
            op = plan.columns[parent_op]
            assert isinstance(op, SetDefault)
            plan.columns[parent_op] = replace(
                op, partitions=(*op.partitions, (after.schema, after.name, was, now))
            )
        elif was != now:
            plan.table_meta.append(SetDefault(after.schema, after.name, column, was, now))
    old_checks, new_checks = {c.name: c for c in before.checks}, {c.name: c for c in after.checks}
    for name, check in old_checks.items():
        if new_checks.get(name) != check:
            plan.early_drops.append(DropConstraint(after.schema, after.name, check))
    for name, check in new_checks.items():
        if old_checks.get(name) != check:
            plan.constraints.append(add_constraint(after.schema, after.name, check))


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
    keys_old: list[PrimaryKey | UniqueConstraint | Index] = [
        k for k in (old_t.primary_key, *old_t.unique_constraints) if k is not None and k.columns == columns
    ]
    keys_old += [i for i in old_t.indexes if i.unique and tuple(e.expression for e in i.elements) == columns]
    keys_new = [k for k in (new_t.primary_key, *new_t.unique_constraints, *new_t.indexes) if k is not None]
    # A key that survives, possibly under a new name (renamed with its table), keeps the FK valid.
    return not all(
        any(type(k2) is type(k) and replace(k2, name=k.name, comment=k.comment) == k for k2 in keys_new)
        for k in keys_old
    )


def _fk_changed(fk: ForeignKey, plan: Plan) -> bool:
    key = qualified(fk.ref_schema, fk.ref_table)
    ref_old = plan.old_tables.get(key)
    if ref_old is None:
        return False
    if plan.same_table(key):
        return False  # the referenced table is unchanged (most are): so is its key
    return _key_columns_changed(ref_old, plan.new_tables.get(key), fk.ref_columns)


def diff_tables(old: Model, new: Model, plan: Plan) -> Model:
    plan.old_tables = {t.key: t for t in old.tables}
    plan.new_tables = {t.key: t for t in new.tables}
    for table in parents_first(new.tables):
        before = plan.old_tables.get(table.key)
        if before is not None and _rebuilt_foreign(before, table, plan):
            # a foreign table's server cannot change in place (nor a table become foreign): dropped and
            # created again, like a changed partition key (a foreign table loses no rows by it)
            plan.drop_rebuilt_tables.append(DropTable(_bare(before)))
            before = None
        if before is not None and before.partition_by != table.partition_by:
            # A partition key cannot be altered: the table is dropped and created again (data loss,
            # reported as such). It goes in the first phase, before the new one is created; its own
            # foreign keys and policies go with it (the down file does not restore those).
            plan.drop_rebuilt_tables.append(DropTable(_bare(before)))
            before = None
        if before is None:
            plan.create_tables.append(CreateTable(_bare(table)))
            plan.foreign_keys += [
                AddConstraint(table.schema, table.name, fk, on_new_table=True) for fk in table.foreign_keys
            ]
            plan.policies += [CreatePolicy(table.schema, table.name, p) for p in table.policies]
        else:
            _diff_table(before, table, plan)
    for table in children_first(old.tables):
        if table.key not in plan.new_tables:
            plan.drop_policies += [DropPolicy(table.schema, table.name, p) for p in table.policies]
            plan.drop_fks += [DropConstraint(table.schema, table.name, fk) for fk in table.foreign_keys]
            plan.drop_tables.append(DropTable(_bare(table)))
    return old


def _rebuilt_foreign(a: Table | Partition, b: Table | Partition, plan: Plan) -> bool:
    """``a`` cannot become ``b`` in place: one is foreign and the other not, or the server changes or
    is itself dropped and created again (``Plan.rebuilt_servers``)."""
    if a.foreign is None and b.foreign is None:
        return False
    if a.foreign is None or b.foreign is None:
        return True
    return a.foreign.server != b.foreign.server or a.foreign.server in plan.rebuilt_servers


def parents_first(tables: Iterable[Table]) -> list[Table]:
    """``tables`` with every INHERITS parent before its children (CREATE TABLE ... INHERITS needs the
    parent), otherwise in the given order."""
    listed = list(tables)
    by_key = {t.key: t for t in listed}
    return _depth_first(listed, lambda t: [by_key[p] for p in t.inherits if p in by_key])


def children_first(tables: Iterable[Table]) -> list[Table]:
    """``tables`` with every INHERITS child before its parents (DROP TABLE of a parent fails while a
    child inherits from it), otherwise in the given order."""
    listed = list(tables)
    children: dict[str, list[Table]] = {}  # parent key -> its children in the given order (one pass:
    for child in listed:  # a scan of every table per table was quadratic, 1M checks at 1,000 tables)
        for parent in dict.fromkeys(child.inherits):
            children.setdefault(parent, []).append(child)
    return _depth_first(listed, lambda t: children.get(t.key, []))


def _depth_first(tables: list[Table], before: Callable[[Table], list[Table]]) -> list[Table]:
    done: dict[str, Table] = {}

    def visit(table: Table, path: tuple[str, ...]) -> None:
        if table.key in done or table.key in path:
            return
        for first in before(table):
            visit(first, (*path, table.key))
        done[table.key] = table

    for table in tables:
        visit(table, ())
    return list(done.values())


Renamable = TypeVar("Renamable", UniqueConstraint, CheckConstraint, ForeignKey, Index, ExcludeConstraint)
Named = TypeVar(
    "Named",
    bound=PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey | Index | Policy | ExcludeConstraint,
)


def _keys(table: Table, *, with_foreign_keys: bool) -> list[Constraint]:
    """A table's constraints: primary key, uniques, checks, exclusions and (if asked) foreign keys."""
    out: list[Constraint] = [table.primary_key] if table.primary_key else []
    out += [*table.unique_constraints, *table.check_constraints, *table.exclude_constraints]
    return out + list(table.foreign_keys) if with_foreign_keys else out


def by_name(items: Iterable[Named]) -> dict[str, Named]:
    return {item.name: item for item in items}


def _renamed_by_definition(before: dict[str, Named], after: dict[str, Named]) -> dict[str, str]:
    """old name -> new name for items that only changed name (one unambiguous match each)."""
    gone = {name: item for name, item in before.items() if name not in after}
    added = {name: item for name, item in after.items() if name not in before}
    out: dict[str, str] = {}
    for old_name, item in gone.items():
        matches = [
            new_name
            for new_name, other in added.items()
            if type(other) is type(item) and replace(other, name=old_name, comment=item.comment) == item
        ]
        if len(matches) == 1 and matches[0] not in out.values():
            out[old_name] = matches[0]
    return out


def _apply_name_matches(a: Table, b: Table, plan: Plan) -> Table:
    """Rename constraints and indexes whose definition is unchanged but whose name changed (after a
    table or column rename the names derived from them change); returns ``a`` with the new names."""
    s, n = b.schema, b.name
    keys_a = by_name(_keys(a, with_foreign_keys=True))
    keys_b = by_name(_keys(b, with_foreign_keys=True))
    renamed = _renamed_by_definition(keys_a, keys_b)
    index_renames = _renamed_by_definition(by_name(a.indexes), by_name(b.indexes))
    if not renamed and not index_renames:
        return a
    plan.renames += [RenameConstraint(s, n, o, new) for o, new in sorted(renamed.items())]
    plan.renames += [RenameIndex(s, n, o, new) for o, new in sorted(index_renames.items())]

    def fix(items: tuple[Renamable, ...]) -> tuple[Renamable, ...]:
        return tuple(replace(i, name=renamed.get(i.name, index_renames.get(i.name, i.name))) for i in items)

    pk = a.primary_key
    return replace(
        a,
        primary_key=replace(pk, name=renamed.get(pk.name, pk.name)) if pk else None,
        unique_constraints=fix(a.unique_constraints),
        check_constraints=fix(a.check_constraints),
        exclude_constraints=fix(a.exclude_constraints),
        foreign_keys=fix(a.foreign_keys),
        indexes=fix(a.indexes),
    )


def _diff_foreign_keys(a: Table, b: Table, regenerated: set[str], plan: Plan) -> None:
    """Foreign keys of a surviving table: dropped and added back when they change, or when the key they
    reference changes on the other table (so even an unchanged table may need this)."""
    s, n = b.schema, b.name
    fa, fb = by_name(a.foreign_keys), by_name(b.foreign_keys)
    # PostgreSQL (before 18) refuses a NOT VALID foreign key on a partitioned table: added validated there
    fk_not_valid = not b.partition_by
    for name, fk in fa.items():
        referenced_changed = _fk_changed(fk, plan)  # (compares the referenced table: once per key)
        if name in fb and _only_validated(fk, fb[name]) and not referenced_changed:
            new = fb[name]
            if fk.not_enforced != new.not_enforced:
                # ENFORCED checks every row and leaves it validated, whatever NOT VALID the code says
                plan.foreign_keys.append(SetEnforced(s, n, name, enforced=not new.not_enforced))
            elif fk.not_valid and not new.not_valid:
                plan.foreign_keys.append(ValidateConstraint(s, n, name))
            _constraint_comment(s, n, fk, new, plan)
            continue
        if not same_but_comment(fk, fb.get(name)) or referenced_changed or set(fk.columns) & regenerated:
            plan.drop_fks.append(DropConstraint(s, n, fk))
            if name in fb:
                plan.foreign_keys.append(AddConstraint(s, n, fb[name], not_valid=fk_not_valid))
    plan.foreign_keys += [
        AddConstraint(s, n, fk, not_valid=fk_not_valid) for name, fk in fb.items() if name not in fa
    ]


def _diff_table(a: Table, b: Table, plan: Plan) -> None:
    known = a is plan.old_tables.get(b.key) and b is plan.new_tables.get(b.key)
    if plan.same_table(b.key) if known else a == b:
        # Unchanged, the common case (one change in a 1,000-table schema): nothing of its own differs,
        # only a foreign key to a table whose referenced key changes needs work. The full comparison
        # below would find nothing else, at a cost per column, index and constraint.
        if a.foreign_keys:
            _diff_foreign_keys(a, b, set(), plan)
        return
    s, n = b.schema, b.name
    a = _apply_name_matches(a, b, plan)
    dropped_columns = [c for c in a.columns if b.column(c.name) is None]
    # Columns whose expression (or STORED / VIRTUAL) changes or that become generated are dropped and
    # added back; a stored generated column that becomes plain keeps its values (DROP EXPRESSION) and
    # everything on it; a virtual one has no values and no DROP EXPRESSION: dropped and added back too.
    regenerated = {
        c.name
        for c in b.columns
        if (prev := a.column(c.name)) is not None
        and (
            (
                c.generated is not None
                and (prev.generated, prev.generated_virtual) != (c.generated, c.generated_virtual)
            )
            or (prev.generated is not None and prev.generated_virtual and c.generated is None)
        )
    }
    made_plain = {
        c.name
        for c in b.columns
        if (prev := a.column(c.name)) is not None
        and prev.generated is not None
        and not prev.generated_virtual
        and c.generated is None
    }

    # Policies (they may reference columns) and foreign keys first.
    pa, pb = by_name(a.policies), by_name(b.policies)
    plan.drop_policies += [
        DropPolicy(s, n, p) for name, p in pa.items() if not same_but_comment(p, pb.get(name))
    ]
    for name, p in pb.items():
        if name not in pa or not same_but_comment(pa[name], p):
            plan.policies.append(CreatePolicy(s, n, p))
        elif pa[name].comment != p.comment:
            target, subject = policy_target(s, n, name), path(s, n, name)
            plan.policies.append(SetComment(target, "policy", subject, pa[name].comment, p.comment))

    _diff_foreign_keys(a, b, regenerated, plan)

    # Indexes and constraints that change or go; dropped before the columns they cover change.
    ia, ib = by_name(a.indexes), by_name(b.indexes)
    for name, index in ia.items():
        new_index = ib.get(name)
        if (
            new_index is None
            or without_settings(index) != without_settings(new_index)
            or (regenerated and _index_columns(index) & regenerated)
        ):
            # a partitioned table's index has no DROP INDEX CONCURRENTLY
            plan.early_drops.append(DropIndex(s, n, index, concurrently=not a.partition_by))
            if name in ib:
                plan.indexes.append(_create_index(a, b, ib[name]))
        else:
            plan.table_meta += index_statistics_changes(s, n, index, new_index)
            if index.comment != new_index.comment:
                target, subject = index_target(s, name), path(s, n, name)
                plan.table_meta.append(SetComment(target, "index", subject, index.comment, new_index.comment))
    plan.indexes += [_create_index(a, b, i) for name, i in ib.items() if name not in ia]

    ca = by_name(_keys(a, with_foreign_keys=False))
    cb = by_name(_keys(b, with_foreign_keys=False))
    for name, c in ca.items():
        on_regenerated = bool(regenerated and _constraint_columns(c) & regenerated)
        if name in cb and _only_validated(c, cb[name]) and not on_regenerated:
            if isinstance(c, CheckConstraint) and c.not_valid and not cb[name].not_valid:  # type: ignore[union-attr]
                plan.constraints.append(ValidateConstraint(s, n, name))
            _constraint_comment(s, n, c, cb[name], plan)
            continue
        if not same_but_comment(c, cb.get(name)) or on_regenerated:
            plan.early_drops.append(DropConstraint(s, n, c))
            if name in cb:
                plan.constraints.append(add_constraint(s, n, cb[name]))
        else:
            _constraint_comment(s, n, c, cb[name], plan)
    plan.constraints += [add_constraint(s, n, c) for name, c in cb.items() if name not in ca]

    # Columns.
    for column in b.columns:
        prev = a.column(column.name)
        if prev is None or column.name in regenerated:
            if prev is not None:
                # After the early drops took what is on it, before they are created again.
                plan.drop_columns.append(RecomputeColumn(s, n, prev, column))
            else:
                plan.columns.append(AddColumn(s, n, column))
            continue
        if column.name in made_plain:
            plan.columns.append(DropExpression(s, n, prev, _taken_by_drop(a, b, column.name, plan)))
            prev = replace(prev, generated=None)
        changes = diff_column(s, n, prev, column)
        if (n, column.name) in plan.released_sequences.values():
            # The serial sequence stays, standalone: nothing hands its position to an identity.
            changes = [
                replace(op, keep_sequence=True)
                if isinstance(op, AlterColumnType)
                else replace(op, serial=None)
                if isinstance(op, AlterIdentity)
                else op
                for op in changes
            ]
        if any(isinstance(op, AlterColumnType) for op in changes):
            plan.reshaped.add(b.key)
        plan.columns += changes
        if prev.foreign_options != column.foreign_options:
            plan.columns.append(
                SetColumnOptions(s, n, column.name, prev.foreign_options, column.foreign_options)
            )
    plan.drop_columns += [DropColumn(s, n, c) for c in dropped_columns]
    if dropped_columns or regenerated or made_plain:
        # made_plain: the down file drops the column again, so views over it are rebuilt around it.
        plan.reshaped.add(b.key)

    if a.comment != b.comment:
        plan.table_meta.append(SetTableComment(s, n, a.comment, b.comment, b.foreign is not None))
    if a.foreign is not None and b.foreign is not None and a.foreign.options != b.foreign.options:
        plan.table_meta.append(SetForeignTableOptions(s, n, a.foreign.options, b.foreign.options))
    if a.unlogged != b.unlogged:
        plan.table_meta.append(SetLogged(s, n, b.unlogged))
    if a.storage_parameters != b.storage_parameters:
        plan.table_meta.append(SetStorageParameters(s, n, a.storage_parameters, b.storage_parameters))
    if a.access_method != b.access_method:
        plan.table_meta.append(SetAccessMethod(s, n, a.access_method, b.access_method))
    if a.clustered_on != b.clustered_on:
        if a.clustered_on is not None:
            plan.unclusters.append(ClusterOn(s, n, a.clustered_on, None))
        if b.clustered_on is not None:
            plan.table_meta.append(ClusterOn(s, n, None, b.clustered_on))
    plan.table_meta += [SetInherit(s, n, p, False) for p in a.inherits if p not in b.inherits]
    plan.table_meta += [SetInherit(s, n, p, True) for p in b.inherits if p not in a.inherits]
    _diff_partitions(a, b, plan)
    if a.rls_enabled != b.rls_enabled:
        plan.table_meta.append(SetRowLevelSecurity(s, n, b.rls_enabled))


def _create_index(a: Table, b: Table, index: Index) -> Operation:
    """An index added to a table that exists: CONCURRENTLY, so writes go on while it is built; on a
    partitioned table (which refuses CONCURRENTLY) per partition and attached (``CreatePartitionedIndex``),
    on every partition there is when it runs: the ones kept, created and about to be dropped."""
    if not b.partition_by:
        return CreateIndex(b.schema, b.name, index, concurrently=True)
    partitions = sorted({(p.schema, p.name) for p in (*a.partitions, *b.partitions)})
    if not partitions:  # nothing to build: the parent's index alone is valid at once
        return CreateIndex(b.schema, b.name, index)
    return CreatePartitionedIndex(b.schema, b.name, index, tuple(partitions))


def _constraint_comment(schema: str, table: str, old: Constraint, new: Constraint, plan: Plan) -> None:
    """A kept constraint whose comment changes: COMMENT ON CONSTRAINT, after the constraints are made."""
    if old.comment != new.comment:
        target, subject = constraint_target(schema, table, new.name), path(schema, table, new.name)
        plan.table_meta.append(SetComment(target, "constraint", subject, old.comment, new.comment))


def _taken_by_drop(a: Table, b: Table, column: str, plan: Plan) -> tuple[Operation, ...]:
    """What re-creates the indexes and constraints on ``column`` that this migration keeps as they are:
    dropping the column (as the way back from DROP EXPRESSION must) takes them along. The ones this
    migration changes have their own operations."""
    s, n = b.schema, b.name
    out: list[Operation] = []
    kept_indexes = by_name(b.indexes)
    for index in a.indexes:
        if kept_indexes.get(index.name) == index and column in _index_columns(index):
            out.append(CreateIndex(s, n, index))
    kept = by_name(_keys(b, with_foreign_keys=True))
    for c in _keys(a, with_foreign_keys=True):
        if kept.get(c.name) != c or (isinstance(c, ForeignKey) and _fk_changed(c, plan)):
            continue
        if column in _constraint_columns(c):
            out.append(AddConstraint(s, n, c))
    return tuple(out)


def _constraint_columns(c: Constraint) -> set[str]:
    """The columns a constraint is on (a CHECK: the columns its expression uses); dropping any of them
    drops the constraint."""
    if isinstance(c, CheckConstraint):
        return referenced_columns(c.expression)
    return set(getattr(c, "columns", ()))


def _index_columns(index: Index) -> set[str]:
    """Every column an index uses: keys, expressions, INCLUDE and its predicate."""
    out = set(index.include)
    for e in index.elements:
        out |= referenced_columns(e.expression) if e.is_expression else {e.expression}
    return out | (referenced_columns(index.where) if index.where else set())


def _only_validated(old: Constraint, new: Constraint) -> bool:
    """Equal but for NOT VALID (and, for a foreign key, NOT ENFORCED: ALTER CONSTRAINT switches that on
    PostgreSQL 18; a CHECK's cannot be switched, it is dropped and added). A valid constraint in the
    database where the code says NOT VALID is kept as it is (PostgreSQL cannot un-validate, and nothing
    is lost); the other way it is validated."""
    if old == new:
        return True  # (most of them: no copies to compare)
    if isinstance(old, ForeignKey) and isinstance(new, ForeignKey):
        loose = {"not_valid": False, "not_enforced": False, "comment": None}
        return replace(old, **loose) == replace(new, **loose)  # type: ignore[arg-type]
    if not isinstance(old, CheckConstraint) or not isinstance(new, CheckConstraint):
        return False
    return replace(old, not_valid=False, comment=None) == replace(new, not_valid=False, comment=None)


def rename_op(model: Model, container: str, old: str, new: str) -> Operation:
    """``model`` is the state just before the rename: its serial and default-named identity columns'
    sequences follow the table's name."""
    table = model.table(container, old)
    owned = tuple(c.name for c in table.columns if owns_default_sequence(c)) if table else ()
    not_null = tuple(c.name for c in table.columns if c.not_null and c.not_null_name is None) if table else ()
    return RenameTable(container, old, new, owned, not_null)


# --- SQL --------------------------------------------------------------------------------------------


def inline_primary_key(table: Table) -> str | None:
    """The column whose PRIMARY KEY is written inline (drizzle's style for a default-named 1-column key)."""
    pk = table.primary_key
    if (
        pk is not None
        and len(pk.columns) == 1
        and pk.name == f"{table.name}_pkey"
        and not pk.deferrable
        and not pk.without_overlaps
    ):
        return pk.columns[0]
    return None


def table_target(table: Table) -> str:
    """``TABLE "s"."t"``, or ``FOREIGN TABLE "s"."t"`` (what COMMENT ON and DROP need for one)."""
    keyword = "FOREIGN TABLE" if table.foreign is not None else "TABLE"
    return f"{keyword} {ref(table.schema, table.name)}"


def table_ref_sql(key: str) -> str:
    """``"schema"."name"`` from a model key (``schema.name``; the schema never holds a dot in a key)."""
    schema, _, name = key.partition(".")
    return qualified_name(schema, name)


def create_table_sql(table: Table) -> str:
    """CREATE [UNLOGGED] TABLE with its columns and the constraints that can be inline (NOT VALID ones
    cannot: PostgreSQL validates every constraint of CREATE TABLE, so they are added afterwards)."""
    inline = inline_primary_key(table)
    lines = [column_sql(table, c, inline_pk=c.name == inline) for c in table.columns]
    if table.primary_key is not None and inline is None:
        lines.append(constraint_sql(table.primary_key))
    lines += [constraint_sql(u) for u in table.unique_constraints]
    lines += [constraint_sql(c) for c in table.check_constraints if not c.not_valid]
    lines += [constraint_sql(x) for x in table.exclude_constraints]
    body = ",\n".join("\t" + line for line in lines)
    head = "CREATE UNLOGGED TABLE" if table.unlogged else "CREATE TABLE"
    if table.foreign is not None:
        head = "CREATE FOREIGN TABLE"
    text = f"{head} {qualified_name(table.schema, table.name)} (\n{body}\n)"
    if table.inherits:
        text += f" INHERITS ({', '.join(table_ref_sql(parent) for parent in table.inherits)})"
    if table.foreign is not None:
        return text + f" SERVER {quote_ident(table.foreign.server)}{options_sql(table.foreign.options)};"
    if table.partition_by:
        text += f" PARTITION BY {table.partition_by}"
    if table.access_method is not None:
        text += f" USING {quote_ident(table.access_method)}"
    if table.storage_parameters:
        written = storage_parameters_written(table.storage_parameters)
        text += f" WITH ({', '.join(f'{k} = {v}' for k, v in written.items())})"
    return text + ";"


def create_partition_sql(parent: Table, partition: Partition) -> str:
    """CREATE TABLE ... PARTITION OF, with the defaults and CHECKs the partition has of its own (a
    partition without a default its parent has gets DROP DEFAULT afterwards: ``partition_extras_sql``)."""
    own = [
        f"{quote_ident(column)} WITH OPTIONS DEFAULT {default_clause_sql(expr)}"
        for column, expr in partition.defaults
        if expr
    ]
    own += [constraint_sql(c) for c in partition.checks]
    shape = f" (\n\t{(',' + chr(10) + chr(9)).join(own)}\n)" if own else ""
    head = "CREATE FOREIGN TABLE" if partition.foreign else "CREATE TABLE"
    text = (
        f"{head} {qualified_name(partition.schema, partition.name)} PARTITION OF "
        f"{qualified_name(parent.schema, parent.name)}{shape} {partition.bound}"
    )
    if partition.foreign:
        text += f" SERVER {quote_ident(partition.foreign.server)}{options_sql(partition.foreign.options)}"
    return text + ";"


def partition_extras_sql(parent: Table, partition: Partition) -> list[str]:
    """A new partition's DROP DEFAULT for a column whose parent default it does not take."""
    return [
        SetDefault(partition.schema, partition.name, column, parent_column.default, None).sql()[0]
        for column, expr in partition.defaults
        if expr is None and (parent_column := parent.column(column)) is not None and parent_column.default
    ]
