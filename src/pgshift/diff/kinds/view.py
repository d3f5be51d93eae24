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
    """Views are created after the views they read and dropped before them (an order from their
    queries, so it holds for code, snapshots and catalogs alike). A view is dropped and created again
    when it changes, when a table it reads is reshaped (Postgres refuses to change the type of, or drop,
    a column a view reads), when it calls a function that is rebuilt, and when a view it reads is."""
    before = {v.key: v for v in old.views}
    after = {v.key: v for v in new.views}
    reads = {k: _reads(v) for k, v in before.items()}
    rebuilt_names = {k.split("(", 1)[0] for k in plan.rebuilt_functions}
    changed = {k for k, v in before.items() if after.get(k) != v}
    rebuilt = {
        k
        for k, v in before.items()
        if k not in changed and (reads[k] & plan.reshaped or (rebuilt_names and _calls(v) & rebuilt_names))
    }
    while True:  # what reads a view that goes away for a moment goes away with it
        more = {k for k in before if k not in changed | rebuilt and reads[k] & (changed | rebuilt)}
        if not more:
            break
        rebuilt |= more
    plan.drop_views += [
        DropView(before[k]) for k in reversed(dependency_order(old.views)) if k in changed or k in rebuilt
    ]
    plan.views += [
        CreateView(after[k]) for k in dependency_order(new.views) if k not in before or k in changed | rebuilt
    ]
    plan.rebuilt_views |= (changed | rebuilt) & set(after)
    return old


def dependency_order(views: tuple[View, ...]) -> list[str]:
    """Keys of ``views``, each after the views it reads (by name otherwise)."""
    keys = {v.key for v in views}
    needs = {v.key: _reads(v) & keys for v in views}
    done: list[str] = []
    seen: set[str] = set()

    def visit(key: str, path: frozenset[str]) -> None:
        if key in seen or key in path:
            return
        for dep in sorted(needs[key]):
            visit(dep, path | {key})
        seen.add(key)
        done.append(key)

    for key in sorted(keys):
        visit(key, frozenset())
    return done


def _calls(view: View) -> set[str]:
    """Names (``name``, ``schema.name``, ``public.name`` for bare ones) of the functions a view calls."""
    import postgast

    try:
        names = set(postgast.extract_functions(postgast.parse(view.definition)))
    except postgast.PgQueryError:
        return set()
    return names | {f"public.{n}" for n in names if "." not in n}


def _reads(view: View) -> set[str]:
    """``schema.table`` keys of the relations a view's query names (unqualified ones: public)."""
    import postgast

    try:
        names = postgast.extract_tables(postgast.parse(view.definition))
    except postgast.PgQueryError:
        return set()
    return {name if "." in name else f"public.{name}" for name in names}
