"""Indexes (children of a table): built and dropped CONCURRENTLY on a table that already exists."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class RenameIndex(Operation):
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
    @property
    def action(self) -> Action:
        return Action.CREATE_INDEX_CONCURRENTLY if self.concurrently else Action.CREATE_INDEX

    def sql(self) -> list[str]:
        i = self.index
        return [
            create_index_sql(self.schema, self.table, i, concurrently=self.concurrently),
            *created_comment(index_target(self.schema, i.name), i.comment),
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


# --- SQL --------------------------------------------------------------------------------------------


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
