"""Triggers (the kind ``trigger``): dropped first of all, created last (after their table, view and
function); a changed trigger, or one whose function or view is rebuilt, is dropped and created again.
Whether it fires (``ENABLE``/``DISABLE``/``REPLICA``/``ALWAYS``) is altered in place."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model, Trigger, TriggerEnabled
from pgshift.model.types import qualified_name, quote_ident, quote_literal

_ENABLE: dict[str, str] = {
    "O": "ENABLE TRIGGER",
    "D": "DISABLE TRIGGER",
    "R": "ENABLE REPLICA TRIGGER",
    "A": "ENABLE ALWAYS TRIGGER",
}


def _enable_sql(trigger: Trigger, enabled: TriggerEnabled) -> str:
    return f"ALTER TABLE {qualified_name(trigger.schema, trigger.table)} {_ENABLE[enabled]} {quote_ident(trigger.name)};"


def _comment_sql(trigger: Trigger, comment: str | None) -> str:
    text = "NULL" if comment is None else quote_literal(comment)
    return f"COMMENT ON TRIGGER {quote_ident(trigger.name)} ON {qualified_name(trigger.schema, trigger.table)} IS {text};"


@dataclass(frozen=True)
class CreateTrigger(Operation):
    """CREATE TRIGGER."""

    trigger: Trigger
    action = Action.CREATE_TRIGGER

    @property
    def subject(self) -> str:
        return self.trigger.key

    def sql(self) -> list[str]:
        t = self.trigger
        out = [t.definition.rstrip().removesuffix(";") + ";"]
        if t.enabled != "O":
            out.append(_enable_sql(t, t.enabled))
        if t.comment is not None:
            out.append(_comment_sql(t, t.comment))
        return out

    def reverse(self) -> Operation:
        return DropTrigger(self.trigger)

    def describe(self) -> str:
        return f"create trigger {self.trigger.key}"


@dataclass(frozen=True)
class DropTrigger(Operation):
    """DROP TRIGGER."""

    trigger: Trigger
    action = Action.DROP_TRIGGER

    @property
    def subject(self) -> str:
        return self.trigger.key

    def sql(self) -> list[str]:
        t = self.trigger
        return [f"DROP TRIGGER {quote_ident(t.name)} ON {qualified_name(t.schema, t.table)};"]

    def reverse(self) -> Operation:
        return CreateTrigger(self.trigger)

    def describe(self) -> str:
        return f"drop trigger {self.trigger.key}"


@dataclass(frozen=True)
class AlterTrigger(Operation):
    """Only whether it fires, or its comment, changes."""

    old: Trigger
    new: Trigger
    action = Action.ALTER_TRIGGER

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        out = []
        if self.old.enabled != self.new.enabled:
            out.append(_enable_sql(self.new, self.new.enabled))
        if self.old.comment != self.new.comment:
            out.append(_comment_sql(self.new, self.new.comment))
        return out

    def reverse(self) -> Operation:
        return AlterTrigger(self.new, self.old)

    def describe(self) -> str:
        return f"alter trigger {self.new.key}"


def _same_shape(a: Trigger, b: Trigger) -> bool:
    return a.definition == b.definition and a.function == b.function


def diff_triggers(old: Model, new: Model, plan: Plan) -> Model:
    before = {t.key: t for t in old.triggers}
    after = {t.key: t for t in new.triggers}

    def rebuilt(t: Trigger) -> bool:
        return t.function in plan.rebuilt_functions or t.table_key in plan.rebuilt_views

    present = {t.key for t in old.tables} | {v.key for v in old.views}
    for key, t in before.items():
        new_t = after.get(key)
        if new_t is None and (t.table_key not in present or t.schema in plan.renamed_schemas):
            plan.pre_rename_drops.insert(0, DropTrigger(t))  # its table is renamed; before its function
        elif new_t is None:
            # Dropped explicitly even when its table goes too: the down file then creates it again.
            plan.drop_triggers.append(DropTrigger(t))
        elif not _same_shape(t, new_t) or rebuilt(t):
            plan.drop_triggers.append(DropTrigger(t))
            plan.triggers.append(CreateTrigger(new_t))
        elif t != new_t:
            plan.triggers.append(AlterTrigger(t, new_t))
    plan.triggers += [CreateTrigger(t) for k, t in after.items() if k not in before]
    return old
