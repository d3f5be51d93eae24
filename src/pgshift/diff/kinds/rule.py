"""Rewrite rules (the kind ``rule``): dropped first of all, created after views; a changed rule (or
one on a rebuilt view) is dropped and created again (``CREATE OR REPLACE RULE`` would do, but the drop
keeps the down file symmetric)."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model, Rule
from pgshift.model.types import qualified_name, quote_ident


@dataclass(frozen=True)
class CreateRule(Operation):
    rule: Rule
    action = Action.CREATE_RULE

    @property
    def subject(self) -> str:
        return self.rule.key

    def sql(self) -> list[str]:
        return [self.rule.definition.rstrip().removesuffix(";") + ";"]

    def reverse(self) -> Operation:
        return DropRule(self.rule)

    def describe(self) -> str:
        return f"create rule {self.rule.key}"


@dataclass(frozen=True)
class DropRule(Operation):
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
    for key, r in before.items():
        if key not in after and (r.table_key not in present or r.schema in plan.renamed_schemas):
            plan.pre_rename_drops.insert(0, DropRule(r))  # its table is renamed; before functions
        elif after.get(key) != r or r.table_key in plan.rebuilt_views:
            plan.drop_rules.append(DropRule(r))
    plan.rules += [
        CreateRule(r) for k, r in after.items() if before.get(k) != r or r.table_key in plan.rebuilt_views
    ]
    return old
