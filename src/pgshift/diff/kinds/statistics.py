"""Extended statistics objects (the kind ``statistics``, ``CREATE STATISTICS``).

Dropped first of all (``Plan.drop_statistics``: before any rename, and before the columns, tables,
views and functions they use go; PostgreSQL drops a statistics object with any column it covers, so a
later explicit drop would fail), and created late, after the tables, columns, indexes and views they
read; so the down file, the reverse, creates them again only once what they use is back, under the
names it restores. A changed definition is drop + create (there is no ALTER for it; the order of its
plain columns is no change: ``same_definition``); a target (``SET STATISTICS``) or a comment changes in
place. One on a renamed table or column, or in a renamed schema, is dropped under the old names and
created under the new ones (its text names them); one on a reshaped table (a column dropped,
regenerated or retyped), a rebuilt materialized view, or calling a rebuilt function is dropped and
created around that change."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.comment import SetComment, created_comment, on_schema_object
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model, Statistics
from pgshift.model.types import qualified_name
from pgshift.pg.parser import statistics_columns_sorted

NOUN = "statistics object"


def _target(s: Statistics) -> str:
    return on_schema_object("STATISTICS", s.schema, s.name)


def target_sql(s: Statistics, target: int | None) -> str:
    """``ALTER STATISTICS ... SET STATISTICS n``; the default is -1, which 15 and 16 need and 17+ accept."""
    return f"ALTER STATISTICS {qualified_name(s.schema, s.name)} SET STATISTICS {-1 if target is None else target};"


@dataclass(frozen=True)
class CreateStatistics(Operation):
    """CREATE STATISTICS."""

    statistics: Statistics
    action = Action.CREATE_STATISTICS

    @property
    def subject(self) -> str:
        return self.statistics.key

    def sql(self) -> list[str]:
        s = self.statistics
        out = [s.definition.rstrip().removesuffix(";") + ";"]
        if s.target is not None:
            out.append(target_sql(s, s.target))
        return out + created_comment(_target(s), s.comment)

    def reverse(self) -> Operation:
        return DropStatistics(self.statistics)

    def describe(self) -> str:
        return f"create {NOUN} {self.statistics.key}"


@dataclass(frozen=True)
class DropStatistics(Operation):
    """DROP STATISTICS."""

    statistics: Statistics
    action = Action.DROP_STATISTICS

    @property
    def subject(self) -> str:
        return self.statistics.key

    def sql(self) -> list[str]:
        s = self.statistics
        return [f"DROP STATISTICS {qualified_name(s.schema, s.name)};"]

    def reverse(self) -> Operation:
        return CreateStatistics(self.statistics)

    def describe(self) -> str:
        return f"drop {NOUN} {self.statistics.key}"


@dataclass(frozen=True)
class SetStatisticsTarget(Operation):
    """``ALTER STATISTICS ... SET STATISTICS``: in place, no table lock."""

    statistics: Statistics
    old: int | None
    new: int | None
    action = Action.ALTER_STATISTICS

    @property
    def subject(self) -> str:
        return self.statistics.key

    def sql(self) -> list[str]:
        return [target_sql(self.statistics, self.new)]

    def reverse(self) -> Operation:
        return SetStatisticsTarget(self.statistics, self.new, self.old)

    def describe(self) -> str:
        return f"set the target of {NOUN} {self.statistics.key}"


def _calls(s: Statistics, functions: set[str]) -> bool:
    """Whether ``s``'s expressions may call one of ``functions`` (keys ``schema.name(args)``): by name,
    so at worst it is rebuilt once too often."""
    names = {key.partition("(")[0].rpartition(".")[2] for key in functions}
    return any(f"{name}(" in s.definition for name in names)


def same_definition(a: Statistics, b: Statistics) -> bool:
    """One object: equal text, or text that differs only in the order of the plain columns (a set to
    PostgreSQL, printed in column-position order, which a column added back changes)."""
    if a.table_key != b.table_key:
        return False
    return a.definition == b.definition or statistics_columns_sorted(
        a.definition
    ) == statistics_columns_sorted(b.definition)


def diff_statistics(old: Model, new: Model, plan: Plan) -> Model:
    before = {s.key: s for s in old.statistics}
    after = {s.key: s for s in new.statistics}

    def rebuilt(a: Statistics, b: Statistics) -> bool:
        """Dropped and created again: changed (a renamed table, schema or column changes the text),
        or around a change PostgreSQL would drop it with or refuse while it exists."""
        return (
            not same_definition(a, b)
            or a.table_key in plan.reshaped
            or a.table_key in plan.rebuilt_views
            or _calls(a, plan.rebuilt_functions)
        )

    dropped: set[str] = set()
    for key, s in before.items():
        b = after.get(key)
        if b is None or rebuilt(s, b):
            plan.drop_statistics.append(DropStatistics(s))
            dropped.add(key)
    for key, b in after.items():
        a = before.get(key)
        if a is None or key in dropped:
            plan.statistics.append(CreateStatistics(b))
            continue
        if a.target != b.target:
            plan.statistics.append(SetStatisticsTarget(b, a.target, b.target))
        if a.comment != b.comment:
            plan.statistics.append(SetComment(_target(b), NOUN, key, a.comment, b.comment))
    return old
