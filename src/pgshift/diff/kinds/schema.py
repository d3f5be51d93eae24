"""Schemas (the kind ``schema``): created first, dropped last, renamed with everything in them."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation
from pgshift.diff.kinds.comment import SetComment, created_comment
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model
from pgshift.model.types import quote_ident


def _target(name: str) -> str:
    return f"SCHEMA {quote_ident(name)}"


@dataclass(frozen=True)
class CreateSchema(Operation):
    """CREATE SCHEMA, and its comment."""

    name: str
    comment: str | None = None
    action = Action.CREATE_SCHEMA

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        return [
            f"CREATE SCHEMA {quote_ident(self.name)};",
            *created_comment(_target(self.name), self.comment),
        ]

    def reverse(self) -> Operation:
        return DropSchema(self.name, self.comment)

    def describe(self) -> str:
        return f"create schema {self.name}"


@dataclass(frozen=True)
class DropSchema(Operation):
    """DROP SCHEMA."""

    name: str
    comment: str | None = None  # restored by the reverse
    action = Action.DROP_SCHEMA

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        return [f"DROP SCHEMA {quote_ident(self.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.SCHEMA, self.name, self.name),)

    def reverse(self) -> Operation:
        return CreateSchema(self.name, self.comment)

    def describe(self) -> str:
        return f"drop schema {self.name}"


@dataclass(frozen=True)
class RenameSchema(Operation):
    """ALTER SCHEMA ... RENAME TO."""

    old: str
    new: str
    action = Action.RENAME_TABLE  # same cost: every object in it changes its qualified name

    @property
    def subject(self) -> str:
        return self.old

    def sql(self) -> list[str]:
        return [f"ALTER SCHEMA {quote_ident(self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameSchema(self.new, self.old)

    def describe(self) -> str:
        return f"rename schema {self.old} to {self.new}"


def diff_schemas(old: Model, new: Model, plan: Plan) -> Model:
    plan.schemas += [CreateSchema(s, new.schema_comment(s)) for s in new.schemas if s not in old.schemas]
    for s in new.schemas:
        was, now = old.schema_comment(s), new.schema_comment(s)
        if s in old.schemas and was != now:
            plan.schemas.append(SetComment(_target(s), "schema", s, was, now))
    # Dropped last of all (after the tables and types in them).
    plan.late_drops += [
        DropSchema(s, old.schema_comment(s)) for s in reversed(old.schemas) if s not in new.schemas
    ]
    return old


def rename_op(model: Model, container: str, old: str, new: str) -> Operation:
    return RenameSchema(old, new)
