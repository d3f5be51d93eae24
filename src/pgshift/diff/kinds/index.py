"""Indexes (children of a table): built and dropped CONCURRENTLY on a table that already exists."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff import render
from pgshift.diff.kinds.base import Operation, path, ref
from pgshift.model.schema import (
    Index,
)
from pgshift.model.types import quote_ident


@dataclass(frozen=True)
class RenameIndex(Operation):
    schema: str
    table: str
    old: str
    new: str
    action = "rename_index"

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
        return path(self.schema, self.table, self.index.name)

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
        return path(self.schema, self.table, self.index.name)

    def sql(self) -> list[str]:
        conc = "CONCURRENTLY " if self.concurrently else ""
        return [f"DROP INDEX {conc}{ref(self.schema, self.index.name)};"]

    def reverse(self) -> Operation:
        return CreateIndex(self.schema, self.table, self.index, concurrently=self.concurrently)

    def describe(self) -> str:
        how = " concurrently" if self.concurrently else ""
        return f"drop index {self.index.name} on {self.table}{how}"
