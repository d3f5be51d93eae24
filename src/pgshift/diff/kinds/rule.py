"""Rewrite rules (the kind ``rule``): dropped first of all, created after views; a changed rule (or
one on a rebuilt view) is dropped and created again (``CREATE OR REPLACE RULE`` would do, but the drop
keeps the down file symmetric)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.comment import SetComment, created_comment, on_table_object
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model, Rule
from pgshift.model.types import qualified_name, quote_ident


def _target(rule: Rule) -> str:
    return on_table_object("RULE", rule.name, rule.schema, rule.table)


@dataclass(frozen=True)
class CreateRule(Operation):
    """CREATE RULE."""

    rule: Rule
    action = Action.CREATE_RULE

    @property
    def subject(self) -> str:
        return self.rule.key

    def sql(self) -> list[str]:
        r = self.rule
        return [r.definition.rstrip().removesuffix(";") + ";", *created_comment(_target(r), r.comment)]

    def reverse(self) -> Operation:
        return DropRule(self.rule)

    def describe(self) -> str:
        return f"create rule {self.rule.key}"


@dataclass(frozen=True)
class DropRule(Operation):
    """DROP RULE."""

    rule: Rule
    action = Action.DROP_RULE

    @property
    def subject(self) -> str:
        return self.rule.key

    def sql(self) -> list[str]:
        r = self.rule
        return [f"DROP RULE {quote_ident(r.name)} ON {qualified_name(r.schema, r.table)};"]

    def reverse(self) -> Operation:
        return CreateRule(self.rule)

    def describe(self) -> str:
        return f"drop rule {self.rule.key}"


def diff_rules(old: Model, new: Model, plan: Plan) -> Model:
    before = {r.key: r for r in old.rules}
    after = {r.key: r for r in new.rules}
    present = {t.key for t in old.tables} | {v.key for v in old.views}

    def rebuilt(key: str) -> bool:
        """Dropped and created again: gone, changed beyond its comment, or on a rebuilt view."""
        a, b = before[key], after.get(key)
        return b is None or replace(a, comment=b.comment) != b or a.table_key in plan.rebuilt_views

    for key, r in before.items():
        if key not in after and (r.table_key not in present or r.schema in plan.renamed_schemas):
            plan.pre_rename_drops.insert(0, DropRule(r))  # its table is renamed; before functions
        elif rebuilt(key):
            plan.drop_rules.append(DropRule(r))
    for key, r in after.items():
        if key not in before or rebuilt(key):
            plan.rules.append(CreateRule(r))
        elif before[key].comment != r.comment:
            plan.rules.append(SetComment(_target(r), "rule", key, before[key].comment, r.comment))
    return old
