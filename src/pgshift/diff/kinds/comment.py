"""Comments (``COMMENT ON <object> IS ...``) on the kinds whose own modules have no comment op:
enums, sequences, rules, indexes, constraints and policies.

A kind's create op writes its object's comment after creating it (a drop's reverse is that create, so the
down file brings the comment back too); when only the comment changes, the kind's diff step appends a
``SetComment``, whose reverse puts the old text (or NULL) back. ``''`` and NULL are one: PostgreSQL
stores no comment for either, and the model keeps None.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.model.types import qualified_name, quote_ident, quote_literal


def comment_sql(target: str, text: str | None) -> str:
    """``COMMENT ON <target> IS '<text>'`` (or ``IS NULL``, which removes it)."""
    return f"COMMENT ON {target} IS {'NULL' if text is None else quote_literal(text)};"


def on_schema_object(keyword: str, schema: str, name: str) -> str:
    """The target of an object named in a schema: ``TYPE "public"."mood"``, ``INDEX "public"."i"``."""
    return f"{keyword} {qualified_name(schema, name)}"


def on_table_object(keyword: str, name: str, schema: str, table: str) -> str:
    """The target of an object named per table: ``CONSTRAINT "c" ON "public"."t"`` (also RULE, POLICY)."""
    return f"{keyword} {quote_ident(name)} ON {qualified_name(schema, table)}"


@dataclass(frozen=True)
class SetComment(Operation):
    """Change one object's comment: ``target`` as COMMENT ON names it, ``noun`` and ``name`` for
    people (``enum``, ``public.mood``; ``index``, ``public.users.users_email_idx``)."""

    target: str
    noun: str
    name: str
    old: str | None
    new: str | None
    action = Action.COMMENT

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        return [comment_sql(self.target, self.new)]

    def reverse(self) -> Operation:
        return SetComment(self.target, self.noun, self.name, self.new, self.old)

    def describe(self) -> str:
        return f"comment on {self.noun} {self.name}"


def created_comment(target: str, text: str | None) -> list[str]:
    """The statement a create op appends for its object's comment: none when it has none."""
    return [] if text is None else [comment_sql(target, text)]


def constraint_target(schema: str, table: str, name: str) -> str:
    return on_table_object("CONSTRAINT", name, schema, table)


def index_target(schema: str, name: str) -> str:
    return on_schema_object("INDEX", schema, name)


def policy_target(schema: str, table: str, name: str) -> str:
    return on_table_object("POLICY", name, schema, table)


class _Commented(Protocol):
    @property
    def comment(self) -> str | None: ...


C = TypeVar("C", bound=_Commented)


def same_but_comment(a: C, b: C | None) -> bool:
    """``a`` and ``b`` (a dataclass with a ``comment``) are the same object apart from the comment:
    the comment is then changed in place, not by dropping and creating the object again."""
    return b is not None and replace(a, comment=None) == replace(b, comment=None)  # type: ignore[type-var]
