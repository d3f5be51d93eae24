"""Row-level-security policies (children of a table)."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff import render
from pgshift.diff.kinds.base import Operation, path, ref
from pgshift.model.schema import (
    Policy,
)
from pgshift.model.types import quote_ident


@dataclass(frozen=True)
class CreatePolicy(Operation):
    schema: str
    table: str
    policy: Policy
    action = "create_policy"

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.policy.name)

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
        return path(self.schema, self.table, self.policy.name)

    def sql(self) -> list[str]:
        return [f"DROP POLICY {quote_ident(self.policy.name)} ON {ref(self.schema, self.table)};"]

    def reverse(self) -> Operation:
        return CreatePolicy(self.schema, self.table, self.policy)

    def describe(self) -> str:
        return f"drop policy {self.policy.name} on {self.table}"
