"""Row-level-security policies (children of a table)."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation, path, ref
from pgshift.diff.kinds.comment import created_comment, policy_target
from pgshift.model.schema import (
    Policy,
)
from pgshift.model.types import qualified_name, quote_ident


@dataclass(frozen=True)
class CreatePolicy(Operation):
    """CREATE POLICY on a table."""

    schema: str
    table: str
    policy: Policy
    action = Action.CREATE_POLICY

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.policy.name)

    def sql(self) -> list[str]:
        p = self.policy
        target = policy_target(self.schema, self.table, p.name)
        return [create_policy_sql(self.schema, self.table, p), *created_comment(target, p.comment)]

    def reverse(self) -> Operation:
        return DropPolicy(self.schema, self.table, self.policy)

    def describe(self) -> str:
        return f"create policy {self.policy.name} on {self.table}"


@dataclass(frozen=True)
class DropPolicy(Operation):
    """DROP POLICY."""

    schema: str
    table: str
    policy: Policy
    action = Action.DROP_POLICY

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.policy.name)

    def sql(self) -> list[str]:
        return [f"DROP POLICY {quote_ident(self.policy.name)} ON {ref(self.schema, self.table)};"]

    def reverse(self) -> Operation:
        return CreatePolicy(self.schema, self.table, self.policy)

    def describe(self) -> str:
        return f"drop policy {self.policy.name} on {self.table}"


# --- SQL --------------------------------------------------------------------------------------------


def create_policy_sql(schema: str, table: str, policy: Policy) -> str:
    kind = "PERMISSIVE" if policy.permissive else "RESTRICTIVE"
    roles = ", ".join(
        r if r in ("public", "current_user", "current_role", "session_user") else quote_ident(r)
        for r in policy.roles
    )
    text = (
        f"CREATE POLICY {quote_ident(policy.name)} ON {qualified_name(schema, table)} AS {kind} "
        f"FOR {policy.command} TO {roles}"
    )
    if policy.using is not None:
        text += f" USING ({policy.using})"
    if policy.with_check is not None:
        text += f" WITH CHECK ({policy.with_check})"
    return text + ";"
