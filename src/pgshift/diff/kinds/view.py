"""Views and materialized views (the kind ``view``): dropped before table changes, created after them."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.kinds.base import Operation, ref
from pgshift.diff.plan import Plan
from pgshift.model.schema import (
    Model,
    View,
)


@dataclass(frozen=True)
class CreateView(Operation):
    view: View
    action = "create_view"

    @property
    def subject(self) -> str:
        return self.view.key

    def sql(self) -> list[str]:
        v = self.view
        kind = "MATERIALIZED VIEW" if v.materialized else "VIEW"
        with_ = " WITH (" + ", ".join(f"{k}={val}" for k, val in v.with_) + ")" if v.with_ else ""
        tail = " WITH NO DATA" if v.materialized and v.with_no_data else ""
        return [f"CREATE {kind} {ref(v.schema, v.name)}{with_} AS ({v.definition}){tail};"]

    def reverse(self) -> Operation:
        return DropView(self.view)

    def describe(self) -> str:
        return f"create view {self.view.key}"


@dataclass(frozen=True)
class DropView(Operation):
    view: View
    action = "drop_view"

    @property
    def subject(self) -> str:
        return self.view.key

    def sql(self) -> list[str]:
        kind = "MATERIALIZED VIEW" if self.view.materialized else "VIEW"
        return [f"DROP {kind} {ref(self.view.schema, self.view.name)};"]

    def reverse(self) -> Operation:
        return CreateView(self.view)

    def describe(self) -> str:
        return f"drop view {self.view.key}"


def diff_views(old: Model, new: Model, plan: Plan) -> Model:
    before = {v.key: v for v in old.views}
    after = {v.key: v for v in new.views}
    # Views may read any table: drop changed ones before table changes, create after them. Postgres
    # also refuses to change the type of (or drop) a column a view reads, so a view over a reshaped
    # table is dropped and created again around the change.
    rebuilt = {k for k, v in before.items() if after.get(k) == v and _reads(v) & plan.reshaped}
    plan.drop_views += [DropView(v) for k, v in reversed(before.items()) if after.get(k) != v or k in rebuilt]
    plan.views += [CreateView(v) for k, v in after.items() if before.get(k) != v or k in rebuilt]
    return old


def _reads(view: View) -> set[str]:
    """``schema.table`` keys of the relations a view's query names (unqualified ones: public)."""
    import postgast

    try:
        names = postgast.extract_tables(postgast.parse(view.definition))
    except postgast.PgQueryError:
        return set()
    return {name if "." in name else f"public.{name}" for name in names}
