"""Indexes (children of a table): built and dropped CONCURRENTLY on a table that already exists."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation, path, ref
from pgshift.diff.kinds.comment import created_comment, index_target
from pgshift.diff.render import idents
from pgshift.model.schema import (
    Index,
    IndexElement,
    nondefault_nulls,
)
from pgshift.model.types import qualified_name, quote_ident
from pgshift.pg.naming import index_name
from pgshift.pg.parser import index_column_name


@dataclass(frozen=True)
class RenameIndex(Operation):
    """ALTER INDEX ... RENAME TO."""

    schema: str
    table: str
    old: str
    new: str
    action = Action.RENAME_INDEX

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.old)

    def sql(self) -> list[str]:
        return [f"ALTER INDEX {ref(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameIndex(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"rename index {self.old} on {self.table} to {self.new}"


@dataclass(frozen=True)
class _IndexStep(Operation):
    """What creating and dropping an index share: the index, its table, and ``CONCURRENTLY``, which
    takes the step out of the migration's transaction."""

    schema: str
    table: str
    index: Index
    concurrently: bool = False

    @property
    def transactional(self) -> bool:  # type: ignore[override]  # a class attribute in Operation
        return not self.concurrently

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.index.name)


@dataclass(frozen=True)
class CreateIndex(_IndexStep):
    """CREATE INDEX (CONCURRENTLY with ``concurrently``)."""

    @property
    def action(self) -> Action:
        return Action.CREATE_INDEX_CONCURRENTLY if self.concurrently else Action.CREATE_INDEX

    def sql(self) -> list[str]:
        i = self.index
        return [
            create_index_sql(self.schema, self.table, i, concurrently=self.concurrently),
            *index_settings_sql(self.schema, i),
        ]

    def reverse(self) -> Operation:
        return DropIndex(self.schema, self.table, self.index, concurrently=self.concurrently)

    def describe(self) -> str:
        how = " concurrently" if self.concurrently else ""
        return f"create index {self.index.name} on {self.table}{how}"


@dataclass(frozen=True)
class DropIndex(_IndexStep):
    """DROP INDEX; ``CONCURRENTLY`` (outside a transaction) on a table that stays, so queries keep
    running while the index goes."""

    @property
    def action(self) -> Action:
        return Action.DROP_INDEX_CONCURRENTLY if self.concurrently else Action.DROP_INDEX

    def sql(self) -> list[str]:
        conc = "CONCURRENTLY " if self.concurrently else ""
        return [f"DROP INDEX {conc}{ref(self.schema, self.index.name)};"]

    def reverse(self) -> Operation:
        return CreateIndex(self.schema, self.table, self.index, concurrently=self.concurrently)

    def describe(self) -> str:
        how = " concurrently" if self.concurrently else ""
        return f"drop index {self.index.name} on {self.table}{how}"


@dataclass(frozen=True)
class SetIndexStatistics(Operation):
    """ALTER INDEX ... ALTER COLUMN <position> SET STATISTICS: an expression key's statistics target
    (``None``: the default, -1), changed in place."""

    schema: str
    table: str
    index: str
    position: int  # 1-based, as ALTER INDEX numbers an index's columns
    old: int | None
    new: int | None
    action = Action.SET_INDEX_STATISTICS

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.index)

    def sql(self) -> list[str]:
        return [index_statistics_sql(self.schema, self.index, self.position, self.new)]

    def reverse(self) -> Operation:
        return SetIndexStatistics(self.schema, self.table, self.index, self.position, self.new, self.old)

    def describe(self) -> str:
        return f"set statistics of column {self.position} of index {self.index} on {self.table}"


def index_statistics_changes(schema: str, table: str, old: Index, new: Index) -> list[Operation]:
    """The in-place changes of an index that differs from ``old`` only in its keys' statistics targets."""
    return [
        SetIndexStatistics(schema, table, new.name, position, a.statistics, b.statistics)
        for position, (a, b) in enumerate(zip(old.elements, new.elements, strict=True), start=1)
        if a.statistics != b.statistics
    ]


def without_settings(index: Index) -> Index:
    """``index`` without what changes in place (its comment, its keys' statistics targets)."""
    elements = tuple(replace(e, statistics=None) if e.statistics is not None else e for e in index.elements)
    return replace(index, comment=None, elements=elements)


# --- SQL --------------------------------------------------------------------------------------------


def index_statistics_sql(schema: str, index: str, position: int, value: int | None) -> str:
    target = -1 if value is None else value
    return f"ALTER INDEX {ref(schema, index)} ALTER COLUMN {position} SET STATISTICS {target};"


def index_settings_sql(schema: str, index: Index) -> list[str]:
    """What follows an index's CREATE: its keys' statistics targets and its comment."""
    return [
        *index_statistics_sets(schema, index),
        *created_comment(index_target(schema, index.name), index.comment),
    ]


def index_statistics_sets(schema: str, index: Index) -> list[str]:
    """The ALTER INDEX ... SET STATISTICS of each of ``index``'s keys that has a target."""
    return [
        index_statistics_sql(schema, index.name, position, e.statistics)
        for position, e in enumerate(index.elements, start=1)
        if e.statistics is not None
    ]


def index_element_sql(element: IndexElement) -> str:
    text = f"({element.expression})" if element.is_expression else quote_ident(element.expression)
    if element.collation:
        text += f" COLLATE {quote_ident(element.collation)}"
    if element.opclass:
        text += f" {element.opclass}"
    if element.descending:
        text += " DESC"
    nulls_first = nondefault_nulls(element.nulls_first, element.descending)
    if nulls_first is not None:
        text += " NULLS FIRST" if nulls_first else " NULLS LAST"
    return text


def create_index_sql(schema: str, table: str, index: Index, *, concurrently: bool) -> str:
    unique = "UNIQUE " if index.unique else ""
    conc = "CONCURRENTLY " if concurrently else ""
    text = (
        f"CREATE {unique}INDEX {conc}{quote_ident(index.name)} ON {qualified_name(schema, table)} "
        f"USING {index.method} ({', '.join(index_element_sql(e) for e in index.elements)})"
    )
    if index.include:
        text += f" INCLUDE ({idents(index.include)})"
    if index.nulls_not_distinct:
        text += " NULLS NOT DISTINCT"
    if index.with_:
        text += " WITH (" + ", ".join(f"{k}={v}" for k, v in index.with_) + ")"
    if index.where:
        text += f" WHERE {index.where}"
    return text + ";"


@dataclass(frozen=True)
class CreatePartitionedIndex(Operation):
    """An index added to a partitioned table that exists, the lock-light way (``CREATE INDEX
    CONCURRENTLY`` refuses a partitioned table): ``CREATE INDEX ... ON ONLY`` the parent (at once: it is
    invalid, built on no partition), then per partition ``CREATE INDEX CONCURRENTLY`` (writes go on) and
    ``ALTER INDEX ... ATTACH PARTITION``; the parent's index is valid once every partition's is attached.
    ``partitions`` are ``(schema, name)`` of every partition there is at that point. A partition's index
    is named as PostgreSQL names the one it would build itself (``pg.naming.index_name``)."""

    schema: str
    table: str
    index: Index
    partitions: tuple[tuple[str, str], ...]
    action = Action.CREATE_INDEX_CONCURRENTLY
    transactional = False

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.index.name)

    def sql(self) -> list[str]:
        i = self.index
        on_parent = create_index_sql(self.schema, self.table, i, concurrently=False)
        head = f"INDEX {quote_ident(i.name)} ON "
        out = [on_parent.replace(head, f"{head}ONLY ", 1)]
        for part_schema, part in self.partitions:
            child = replace(i, name=partition_index_name(part, i), comment=None)
            out += [
                create_index_sql(part_schema, part, child, concurrently=True),
                f"ALTER INDEX {ref(self.schema, i.name)} ATTACH PARTITION {ref(part_schema, child.name)};",
            ]
        return [*out, *index_settings_sql(self.schema, i)]  # (a parent's statistics reach its partitions')

    def reverse(self) -> Operation:
        return DropIndex(self.schema, self.table, self.index)  # a partitioned index has no CONCURRENTLY drop

    def describe(self) -> str:
        return (
            f"create index {self.index.name} on partitioned table {self.table} (per partition, concurrently)"
        )


def partition_index_name(partition: str, index: Index) -> str:
    """The name PostgreSQL gives the index it builds on a partition for ``index`` (ChooseIndexName: the
    key and INCLUDE columns, an expression's ``pg.parser.index_column_name``, ``idx``); assumed free, as
    pgshift's own are."""
    columns: list[str] = []
    for name in [
        index_column_name(e.expression) if e.is_expression else e.expression for e in index.elements
    ] + list(index.include):
        n, taken = 0, name
        while taken in columns:  # ChooseIndexColumnNames: a name already used gets a number
            n += 1
            taken = f"{name}{n}"
        columns.append(taken)
    return index_name(partition, columns)
