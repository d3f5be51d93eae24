"""Extensions, collations, domains, range and composite types (the kind ``defined``): each is its CREATE
statement. Created after schemas and enums and before everything that may use them (sequences,
functions, tables); dropped after the tables and functions that used them. A changed one is dropped
first and created again (a domain or type still used by a column makes that DROP fail: change such a
type in a hand-written migration)."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation
from pgshift.diff.kinds.comment import SetComment, same_but_comment
from pgshift.diff.plan import Plan
from pgshift.model.schema import DefinedObject, Model, ObjectKind
from pgshift.model.types import quote_ident, quote_literal

_KEYWORD = {
    ObjectKind.EXTENSION: "EXTENSION",
    ObjectKind.COLLATION: "COLLATION",
    ObjectKind.DOMAIN: "DOMAIN",
    ObjectKind.RANGE: "TYPE",
    ObjectKind.COMPOSITE: "TYPE",
}


def _name(o: DefinedObject) -> str:
    if o.kind is ObjectKind.EXTENSION:
        return quote_ident(o.name)
    return f"{quote_ident(o.schema)}.{quote_ident(o.name)}"


@dataclass(frozen=True)
class CreateObject(Operation):
    obj: DefinedObject
    action = Action.CREATE_OBJECT

    @property
    def subject(self) -> str:
        return self.obj.key

    def sql(self) -> list[str]:
        out = [self.obj.definition.rstrip().removesuffix(";") + ";"]
        if self.obj.comment is not None:
            out.append(
                f"COMMENT ON {_KEYWORD[self.obj.kind]} {_name(self.obj)} IS {quote_literal(self.obj.comment)};"
            )
        return out

    def reverse(self) -> Operation:
        return DropObject(self.obj)

    def describe(self) -> str:
        return f"create {self.obj.kind.value} {self.obj.key}"


@dataclass(frozen=True)
class DropObject(Operation):
    obj: DefinedObject
    action = Action.DROP_OBJECT

    @property
    def subject(self) -> str:
        return self.obj.key

    def sql(self) -> list[str]:
        return [f"DROP {_KEYWORD[self.obj.kind]} {_name(self.obj)};"]

    def reverse(self) -> Operation:
        return CreateObject(self.obj)

    def describe(self) -> str:
        return f"drop {self.obj.kind.value} {self.obj.key}"

    def destroys(self) -> tuple[Destroyed, ...]:
        if self.obj.kind is ObjectKind.EXTENSION:  # its own tables and their data go with it
            return (Destroyed(DestroyedKind.TYPE, self.obj.schema, f"extension {self.obj.name}"),)
        return ()


def diff_defined(old: Model, new: Model, plan: Plan) -> Model:
    before = {o.key: o for o in old.defined}
    after = {o.key: o for o in new.defined}
    for o in reversed(old.defined):
        target = after.get(o.key)
        if target is None:
            plan.drop_defined.append(DropObject(o))
        elif not same_but_comment(o, target):
            plan.early_function_drops.append(DropObject(o))
    for o in new.defined:
        was = before.get(o.key)
        if was is None or not same_but_comment(was, o):
            plan.defined.append(CreateObject(o))
        elif was.comment != o.comment:  # in place: a domain that columns use cannot be dropped
            on = f"{_KEYWORD[o.kind]} {_name(o)}"
            plan.defined.append(SetComment(on, o.kind.value, o.key, was.comment, o.comment))
    return old
