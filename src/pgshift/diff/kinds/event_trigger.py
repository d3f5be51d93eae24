"""Event triggers (the kind ``event trigger``): database-wide, keyed by name.

Dropped with the other triggers, before the functions they run can go (``DROP FUNCTION`` refuses while
one uses it), and created after the functions exist; one whose function is rebuilt (dropped and created
again), or whose event, tags or function change, is dropped and created again (there is no ``CREATE OR
REPLACE EVENT TRIGGER``). Whether it fires (``ENABLE``/``DISABLE``/``ENABLE REPLICA``/``ENABLE
ALWAYS``) and its comment change in place. Its owner is left alone: it is whoever runs the migration,
which must be a superuser to create one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.comment import comment_sql, created_comment
from pgshift.diff.plan import Plan
from pgshift.model.schema import EventTrigger, Model, TriggerEnabled
from pgshift.model.types import qualified_name, quote_ident, quote_literal

# ALTER EVENT TRIGGER's words for each pg_event_trigger.evtenabled state
_ENABLE: dict[str, str] = {"O": "ENABLE", "D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}


def _target(e: EventTrigger) -> str:
    return f"EVENT TRIGGER {quote_ident(e.name)}"


def _enable_sql(e: EventTrigger, enabled: TriggerEnabled) -> str:
    return f"ALTER EVENT TRIGGER {quote_ident(e.name)} {_ENABLE[enabled]};"


def create_sql(e: EventTrigger) -> str:
    """``CREATE EVENT TRIGGER`` as pg_dump writes it (there is no server function printing one)."""
    when = ""
    if e.tags:
        when = " WHEN TAG IN (" + ", ".join(quote_literal(t) for t in e.tags) + ")"
    function = qualified_name(e.function_schema, e.function_name)
    return f"CREATE EVENT TRIGGER {quote_ident(e.name)} ON {e.event}{when} EXECUTE FUNCTION {function}();"


@dataclass(frozen=True)
class CreateEventTrigger(Operation):
    """CREATE EVENT TRIGGER."""

    trigger: EventTrigger
    action = Action.CREATE_EVENT_TRIGGER

    @property
    def subject(self) -> str:
        return self.trigger.key

    def sql(self) -> list[str]:
        e = self.trigger
        out = [create_sql(e)]
        if e.enabled != "O":
            out.append(_enable_sql(e, e.enabled))
        return out + created_comment(_target(e), e.comment)

    def reverse(self) -> Operation:
        return DropEventTrigger(self.trigger)

    def describe(self) -> str:
        return f"create event trigger {self.trigger.key}"


@dataclass(frozen=True)
class DropEventTrigger(Operation):
    """DROP EVENT TRIGGER."""

    trigger: EventTrigger
    action = Action.DROP_EVENT_TRIGGER

    @property
    def subject(self) -> str:
        return self.trigger.key

    def sql(self) -> list[str]:
        return [f"DROP EVENT TRIGGER {quote_ident(self.trigger.name)};"]

    def reverse(self) -> Operation:
        return CreateEventTrigger(self.trigger)

    def describe(self) -> str:
        return f"drop event trigger {self.trigger.key}"


@dataclass(frozen=True)
class AlterEventTrigger(Operation):
    """Only whether it fires, or its comment, changes."""

    old: EventTrigger
    new: EventTrigger
    action = Action.ALTER_EVENT_TRIGGER

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        out = []
        if self.old.enabled != self.new.enabled:
            out.append(_enable_sql(self.new, self.new.enabled))
        if self.old.comment != self.new.comment:
            out.append(comment_sql(_target(self.new), self.new.comment))
        return out

    def reverse(self) -> Operation:
        return AlterEventTrigger(self.new, self.old)

    def describe(self) -> str:
        return f"alter event trigger {self.new.key}"


def _in_place(a: EventTrigger, b: EventTrigger) -> bool:
    """``a`` becomes ``b`` by ALTER EVENT TRIGGER / COMMENT ON alone."""
    return replace(a, enabled="O", comment=None) == replace(b, enabled="O", comment=None)


def diff_event_triggers(old: Model, new: Model, plan: Plan) -> Model:
    before = {e.key: e for e in old.event_triggers}
    after = {e.key: e for e in new.event_triggers}
    for key, e in before.items():
        new_e = after.get(key)
        rebuilt = e.function in plan.rebuilt_functions
        if new_e is not None and _in_place(e, new_e) and not rebuilt:
            if e != new_e:
                plan.event_triggers.append(AlterEventTrigger(e, new_e))
            continue
        if e.function_schema in plan.renamed_schemas:
            plan.pre_rename_drops.insert(0, DropEventTrigger(e))  # its function goes before the rename
        else:
            plan.drop_event_triggers.append(DropEventTrigger(e))
        if new_e is not None:
            plan.event_triggers.append(CreateEventTrigger(new_e))
    plan.event_triggers += [CreateEventTrigger(e) for k, e in after.items() if k not in before]
    return old
