"""Hazards of views, materialized-view refreshes, replaced functions and domains: the generator's
operations and the catalogue the linter shares (pgshift.diff.hazards)."""

from __future__ import annotations

from pgshift.diff.differ import diff
from pgshift.diff.hazards import EFFECTS, Action, HazardKind, hazards_of
from pgshift.model.schema import (
    CheckConstraint,
    Column,
    DefinedObject,
    Function,
    Index,
    IndexElement,
    Model,
    ObjectKind,
    RoutineKind,
    Table,
    View,
    build_model,
)
from pgshift.model.types import SqlType


def _kinds(action: str) -> set[HazardKind]:
    return {h.kind for h in hazards_of(action, "public.v")}


def test_replace_view_may_only_add_columns_at_the_end() -> None:
    (found,) = [h for h in hazards_of(Action.REPLACE_VIEW, "public.v") if h.kind is HazardKind.PRECONDITION]
    assert "only adds columns at the end" in found.message
    assert HazardKind.BLOCKS_READS in _kinds(Action.REPLACE_VIEW)  # ACCESS EXCLUSIVE on the view


def test_refresh_concurrently_needs_a_unique_index_and_lets_reads_go_on() -> None:
    plain, concurrent = Action.REFRESH_MATERIALIZED_VIEW, Action.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY
    assert HazardKind.BLOCKS_READS in _kinds(plain) and "CONCURRENTLY" in (EFFECTS[plain].safe or "")
    assert HazardKind.BLOCKS_READS not in _kinds(concurrent)
    (needs,) = [h for h in hazards_of(concurrent, "public.v") if h.kind is HazardKind.PRECONDITION]
    assert "unique index" in needs.message
    assert HazardKind.PRECONDITION not in _kinds(plain)


def _domain(definition: str) -> DefinedObject:
    return DefinedObject(ObjectKind.DOMAIN, "public", "amount", definition)


def test_a_domain_base_type_change_says_the_drop_fails_while_columns_use_it() -> None:
    before = build_model(defined=[_domain("CREATE DOMAIN public.amount AS integer")])
    after = build_model(defined=[_domain("CREATE DOMAIN public.amount AS bigint")])
    (drop,) = [op for op in diff(before, after) if op.action is Action.DROP_OBJECT]
    (found,) = [h for h in drop.hazards() if h.kind is HazardKind.PRECONDITION]
    assert "int -> bigint" in found.message  # the parser's spelling of the CREATE DOMAIN


def test_a_domain_changed_in_place_has_no_such_hazard() -> None:
    before = build_model(defined=[_domain("CREATE DOMAIN public.amount AS integer")])
    after = build_model(defined=[_domain("CREATE DOMAIN public.amount AS integer NOT NULL")])
    ops = diff(before, after)
    assert [op.action for op in ops] == [Action.ALTER_DOMAIN]
    assert all(h.kind is not HazardKind.PRECONDITION for op in ops for h in op.hazards())
    dropped = diff(before, build_model())  # dropped, not replaced: nothing about a base type
    assert all(h.kind is not HazardKind.PRECONDITION for op in dropped for h in op.hazards())


def _model(body: str, *, used: bool) -> Model:
    function = Function(
        "public", "norm", RoutineKind.FUNCTION, "t text", "t text", "text",
        f"CREATE OR REPLACE FUNCTION public.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ {body} $$",
    )  # fmt: skip
    columns = (Column("email", SqlType.parse("text")),)
    indexes = (Index("users_norm_idx", (IndexElement("norm(email)", is_expression=True),)),) if used else ()
    checks = (CheckConstraint("users_email_check", "norm(email) <> ''"),) if used else ()
    table = Table("public", "users", columns, indexes=indexes, check_constraints=checks)
    return build_model(tables=[table], functions=[function])


def test_replacing_a_function_an_index_or_check_uses_warns_they_go_stale() -> None:
    ops = diff(_model("SELECT lower(t)", used=True), _model("SELECT upper(t)", used=True))
    (replace,) = [op for op in ops if op.action is Action.REPLACE_FUNCTION]
    (stale,) = [h for h in replace.hazards() if h.kind is HazardKind.STALE]
    assert "index users_norm_idx on public.users" in stale.message
    assert "CHECK users_email_check on public.users" in stale.message


def test_replacing_a_function_nothing_stores_is_not_stale() -> None:
    ops = diff(_model("SELECT lower(t)", used=False), _model("SELECT upper(t)", used=False))
    (replace,) = [op for op in ops if op.action is Action.REPLACE_FUNCTION]
    assert all(h.kind is not HazardKind.STALE for h in replace.hazards())


def test_a_materialized_views_index_on_the_function_goes_stale_too() -> None:
    def with_view(body: str) -> Model:
        base = _model(body, used=False)
        index = Index("stats_norm_idx", (IndexElement("norm(email)", is_expression=True),))
        view = View("public", "stats", "SELECT email FROM users", materialized=True, indexes=(index,))
        return build_model(tables=base.tables, functions=base.functions, views=[view])

    ops = diff(with_view("SELECT lower(t)"), with_view("SELECT upper(t)"))
    (replace,) = [op for op in ops if op.action is Action.REPLACE_FUNCTION]
    (stale,) = [h for h in replace.hazards() if h.kind is HazardKind.STALE]
    assert "index stats_norm_idx on public.stats" in stale.message
