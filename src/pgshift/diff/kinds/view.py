"""Views and materialized views (the kind ``view``): dropped before table changes, created after them.

A materialized view's indexes, and the comments of a view and of its columns, change in place: only a
change of the query (or its options) drops and creates the view, and its create writes all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation, path, ref
from pgshift.diff.kinds.comment import SetComment, comment_sql, created_comment, index_target
from pgshift.diff.kinds.index import (
    CreateIndex,
    DropIndex,
    create_index_sql,
    index_settings_sql,
    index_statistics_changes,
    without_settings,
)
from pgshift.diff.kinds.table import ClusterOn
from pgshift.diff.plan import Plan
from pgshift.model.schema import (
    Model,
    View,
)
from pgshift.model.types import quote_ident


def view_target(view: View) -> str:
    """``VIEW "s"."v"`` or ``MATERIALIZED VIEW "s"."v"``: what COMMENT ON names."""
    return f"{'MATERIALIZED VIEW' if view.materialized else 'VIEW'} {ref(view.schema, view.name)}"


def view_column_target(view: View, column: str) -> str:
    return f"COLUMN {ref(view.schema, view.name)}.{quote_ident(column)}"


@dataclass(frozen=True)
class CreateView(Operation):
    """CREATE VIEW or CREATE MATERIALIZED VIEW."""

    view: View
    action = Action.CREATE_VIEW

    @property
    def subject(self) -> str:
        return self.view.key

    def sql(self) -> list[str]:
        v = self.view
        kind = "MATERIALIZED VIEW" if v.materialized else "VIEW"
        with_ = " WITH (" + ", ".join(f"{k}={val}" for k, val in v.with_) + ")" if v.with_ else ""
        tail = " WITH NO DATA" if v.materialized and v.with_no_data else ""
        out = [f"CREATE {kind} {ref(v.schema, v.name)}{with_} AS ({v.definition}){tail};"]
        for i in v.indexes:  # a new view: nothing reads it yet, so no CONCURRENTLY
            out.append(create_index_sql(v.schema, v.name, i, concurrently=False))
            out += index_settings_sql(v.schema, i)
        if v.clustered_on is not None:
            out += ClusterOn(v.schema, v.name, None, v.clustered_on, "materialized view").sql()
        out += created_comment(view_target(v), v.comment)
        out += [comment_sql(view_column_target(v, c), text) for c, text in v.column_comments]
        out += [column_default_sql(v, c, expression) for c, expression in v.column_defaults]
        return out

    def reverse(self) -> Operation:
        return DropView(self.view)

    def describe(self) -> str:
        return f"create view {self.view.key}"


@dataclass(frozen=True)
class DropView(Operation):
    """DROP VIEW or DROP MATERIALIZED VIEW."""

    view: View
    action = Action.DROP_VIEW

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


@dataclass(frozen=True)
class SetViewColumnDefault(Operation):
    """ALTER VIEW ... ALTER COLUMN ... SET / DROP DEFAULT: what an INSERT through the view gets."""

    view: View
    column: str
    old: str | None
    new: str | None
    action = Action.SET_VIEW_COLUMN_DEFAULT

    @property
    def subject(self) -> str:
        return path(self.view.schema, self.view.name, self.column)

    def sql(self) -> list[str]:
        return [column_default_sql(self.view, self.column, self.new)]

    def reverse(self) -> Operation:
        return SetViewColumnDefault(self.view, self.column, self.new, self.old)

    def describe(self) -> str:
        return f"{'set' if self.new is not None else 'drop'} default of column {self.column} of view {self.view.key}"


def column_default_sql(view: View, column: str, expression: str | None) -> str:
    head = f"ALTER VIEW {ref(view.schema, view.name)} ALTER COLUMN {quote_ident(column)}"
    return f"{head} DROP DEFAULT;" if expression is None else f"{head} SET DEFAULT {expression};"


def diff_views(old: Model, new: Model, plan: Plan) -> Model:
    """Views are created after the views they read and dropped before them (an order from their
    queries, so it holds for code, snapshots and catalogs alike). A view is dropped and created again
    when it changes, when a table it reads is reshaped (Postgres refuses to change the type of, or drop,
    a column a view reads), when it calls a function that is rebuilt, and when a view it reads is."""
    before = {v.key: v for v in old.views}
    after = {v.key: v for v in new.views}
    reads = {k: _reads(v) for k, v in before.items()}
    rebuilt_names = {k.split("(", 1)[0] for k in plan.rebuilt_functions}
    changed = {k for k, v in before.items() if (b := after.get(k)) is None or b.query_only != v.query_only}
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
    for k in dependency_order(new.views):
        if k in before and k not in changed | rebuilt:
            _diff_in_place(before[k], after[k], plan)
    return old


def _diff_in_place(a: View, b: View, plan: Plan) -> None:
    """Indexes and comments of a view that stays: indexes dropped and built CONCURRENTLY (the view is in
    use), comments set with COMMENT ON."""
    s, n = b.schema, b.name
    if a.clustered_on != b.clustered_on and a.clustered_on is not None:  # unmarked before its index may go
        plan.drop_views.append(ClusterOn(s, n, a.clustered_on, None, "materialized view"))
    ia, ib = {i.name: i for i in a.indexes}, {i.name: i for i in b.indexes}
    for name, index in ia.items():
        new = ib.get(name)
        if new is None or without_settings(new) != without_settings(index):
            plan.drop_views.append(DropIndex(s, n, index, concurrently=True))
            if new is not None:
                plan.views.append(CreateIndex(s, n, new, concurrently=True))
            continue
        plan.views += index_statistics_changes(s, n, index, new)
        if index.comment != new.comment:
            target, subject = index_target(s, name), path(s, n, name)
            plan.views.append(SetComment(target, "index", subject, index.comment, new.comment))
    plan.views += [CreateIndex(s, n, i, concurrently=True) for name, i in ib.items() if name not in ia]
    if a.clustered_on != b.clustered_on and b.clustered_on is not None:  # marked once its index exists
        plan.views.append(ClusterOn(s, n, None, b.clustered_on, "materialized view"))
    kind = "materialized view" if b.materialized else "view"
    if a.comment != b.comment:
        plan.views.append(SetComment(view_target(b), kind, b.key, a.comment, b.comment))
    ca, cb = dict(a.column_comments), dict(b.column_comments)
    for column in sorted(set(ca) | set(cb)):
        if ca.get(column) != cb.get(column):
            target = view_column_target(b, column)
            plan.views.append(
                SetComment(target, "column", path(s, n, column), ca.get(column), cb.get(column))
            )
    da, db = dict(a.column_defaults), dict(b.column_defaults)
    for column in sorted(set(da) | set(db)):
        if da.get(column) != db.get(column):
            plan.views.append(SetViewColumnDefault(b, column, da.get(column), db.get(column)))


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
