"""Functions, procedures and aggregates (the kind ``function``).

Definitions are the server's own text (see ``pgshift.model.schema.Function``), so a changed definition
is a real change. ``CREATE OR REPLACE`` changes a routine in place when Postgres allows it — same kind,
same result type, same argument names and defaults — and keeps everything that depends on it (triggers,
views, defaults); anything else is dropped and created again, taking the triggers that run it along.

Order (from what depends on what): functions that a table uses (in a default, a CHECK, an index, a
generated column or a policy) are created before the tables; the others after the tables and columns
(a SQL function's body names tables, and Postgres checks it at CREATE time) and before views. They are
dropped after the tables (a default may still use them). Aggregates come after the functions they call
and go before them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pgshift.diff.hazards import Action, Hazard, HazardKind
from pgshift.diff.kinds.base import Operation
from pgshift.diff.plan import Plan
from pgshift.model.schema import Function, Index, Model, RoutineKind, Table
from pgshift.model.types import quote_ident


def signature(function: Function) -> str:
    """``"public"."add_tax"(amount numeric, rate numeric)``: what DROP and COMMENT ON name."""
    return f"{quote_ident(function.schema)}.{quote_ident(function.name)}({function.identity_args})"


def _keyword(function: Function) -> str:
    return function.kind.value.upper()


def _comment_sql(function: Function, comment: str | None) -> str:
    from pgshift.model.types import quote_literal

    text = "NULL" if comment is None else quote_literal(comment)
    return f"COMMENT ON {_keyword(function)} {signature(function)} IS {text};"


def _statement(definition: str) -> str:
    text = definition.rstrip()
    return text if text.endswith(";") else text + ";"


# A SQL function's body is checked when it is created, so one that calls another function (or reads a
# view created later) would fail in name order; pg_dump turns the check off for the same reason. LOCAL:
# it ends with the migration's transaction.
NO_BODY_CHECK = "SET LOCAL check_function_bodies = off;"


def _body_check_off(function: Function) -> list[str]:
    # pg_get_functiondef prints the language on a line of its own: " LANGUAGE sql".
    return [NO_BODY_CHECK] if "\n LANGUAGE sql\n" in function.definition else []


@dataclass(frozen=True)
class CreateFunction(Operation):
    """The CREATE statement of a function, procedure or aggregate."""

    function: Function
    action = Action.CREATE_FUNCTION

    @property
    def subject(self) -> str:
        return self.function.key

    def sql(self) -> list[str]:
        out = [*_body_check_off(self.function), _statement(self.function.definition)]
        if self.function.comment is not None:
            out.append(_comment_sql(self.function, self.function.comment))
        return out

    def reverse(self) -> Operation:
        return DropFunction(self.function)

    def describe(self) -> str:
        return f"create {self.function.kind.value} {self.function.key}"


@dataclass(frozen=True)
class DropFunction(Operation):
    """The DROP statement of a function, procedure or aggregate."""

    function: Function
    action = Action.DROP_FUNCTION

    @property
    def subject(self) -> str:
        return self.function.key

    def sql(self) -> list[str]:
        return [f"DROP {_keyword(self.function)} {signature(self.function)};"]

    def reverse(self) -> Operation:
        return CreateFunction(self.function)

    def describe(self) -> str:
        return f"drop {self.function.kind.value} {self.function.key}"


@dataclass(frozen=True)
class ReplaceFunction(Operation):
    """``CREATE OR REPLACE`` with the new definition (and comment); the reverse puts the old one back."""

    old: Function
    new: Function
    stale: tuple[str, ...] = ()  # what keeps values the old definition computed (``stored_users``)
    action = Action.REPLACE_FUNCTION

    @property
    def subject(self) -> str:
        return self.new.key

    def hazards(self) -> tuple[Hazard, ...]:
        found = super().hazards()
        if self.stale and self.old.definition != self.new.definition:
            found += (Hazard(HazardKind.STALE, f"{self.subject}: {stale_message(self.stale)}"),)
        return found

    def sql(self) -> list[str]:
        out = []
        if self.old.definition != self.new.definition:
            out += [*_body_check_off(self.new), _statement(self.new.definition)]
        if self.old.comment != self.new.comment:
            out.append(_comment_sql(self.new, self.new.comment))
        return out

    def reverse(self) -> Operation:
        return ReplaceFunction(self.new, self.old)

    def describe(self) -> str:
        return f"replace {self.new.kind.value} {self.new.key}"


def replaceable(old: Function, new: Function) -> bool:
    """Whether ``CREATE OR REPLACE`` turns ``old`` into ``new`` (Postgres refuses to change the result
    type, argument names or defaults that way; aggregates are always rebuilt)."""
    return (
        old.kind is new.kind
        and old.kind is not RoutineKind.AGGREGATE
        and old.result == new.result
        and old.arguments == new.arguments
    )


def rebuilt_functions(old: Model, new: Model) -> set[str]:
    """Keys of the functions dropped and created again (changed in a way OR REPLACE cannot do)."""
    after = {f.key: f for f in new.functions}
    return {
        f.key
        for f in old.functions
        if f.key in after and after[f.key] != f and not replaceable(f, after[f.key])
    }


def _routine_order(function: Function) -> tuple[bool, str]:
    return function.kind is RoutineKind.AGGREGATE, function.key


def overload(function: Function) -> tuple[str, str, tuple[tuple[int, str], ...]] | None:
    """What Postgres tells overloads apart by — schema, name and argument types, not argument names —
    or None when the identity arguments do not parse as a parameter list (some aggregates)."""
    from pgshift.pg.parser import SqlSyntaxError, deparse_type, parse_statements

    try:
        statements = parse_statements(
            f"CREATE FUNCTION f({function.identity_args}) RETURNS void LANGUAGE sql AS ''"
        )
    except SqlSyntaxError:
        return None
    parameters = statements[0].node.parameters
    types = tuple(
        (p.function_parameter.mode, deparse_type(p.function_parameter.arg_type)) for p in parameters
    )
    return function.schema, function.name, types


def renamed_arguments(old: Model, new: Model) -> dict[str, str]:
    """Old key -> new key of routines whose argument names change but not their types: to Postgres the
    same routine (CREATE OR REPLACE refuses to rename an argument), so it is dropped and created again."""
    before = {f.key for f in old.functions}
    after = {f.key for f in new.functions}
    added = {
        overload(f): f.key
        for f in new.functions
        if f.key not in before and f.kind is not RoutineKind.AGGREGATE
    }
    added.pop(None, None)
    return {
        f.key: added[o]
        for f in old.functions
        if f.key not in after and (o := overload(f)) is not None and o in added
    }


def diff_functions(old: Model, new: Model, plan: Plan) -> Model:
    before = {f.key: f for f in old.functions}
    after = {f.key: f for f in new.functions}
    renamed = renamed_arguments(old, new)
    rebuilt = rebuilt_functions(old, new) | set(renamed)
    used_new = used_by_tables(new.tables) | used_by_operators(new) if new.functions else set()

    old_views = _row_types_of_views(old, old.functions)
    new_views = _row_types_of_views(new, new.functions)
    for f in sorted(old.functions, key=_routine_order, reverse=True):
        if f.key in old_views and (f.key in rebuilt or f.key not in after):
            plan.drop_view_functions.append(DropFunction(f))  # before the view whose row type it names
        elif f.key in rebuilt:
            plan.early_function_drops.append(DropFunction(f))
        elif f.key not in after and f.schema in plan.renamed_schemas:
            plan.pre_rename_drops.append(DropFunction(f))  # its schema is renamed by this plan
        elif f.key not in after:  # after the tables: a default may use it until then
            plan.drop_functions.append(DropFunction(f))
    for f in sorted(new.functions, key=_routine_order):
        if f.key in new_views:
            phase = plan.view_functions
        else:
            phase = plan.functions if _name_in(f, used_new) else plan.late_functions
        previous = before.get(f.key)
        if previous is None or f.key in rebuilt:
            phase.append(CreateFunction(f))
        elif previous != f:
            phase.append(ReplaceFunction(previous, f, tuple(stored_users(old, set(_names(f))))))
    plan.rebuilt_functions |= rebuilt
    if rebuilt:
        _release_rebuilt(old, plan, {n for k in rebuilt for n in _names(before[k])})
    return old


def _row_types_of_views(model: Model, functions: tuple[Function, ...]) -> set[str]:
    """Keys of the routines whose parameters or result are a view's row type (``RETURNS test.articles``,
    a view in PostgREST's fixtures): such a routine is created after the views and dropped before them."""
    if not model.views or not functions:
        return set()
    from pgshift.pg.parser import SqlSyntaxError, parse_statements

    views = {(v.schema, v.name) for v in model.views}
    out = set()
    for f in functions:
        if f.kind is RoutineKind.AGGREGATE:
            continue
        returns = f" RETURNS {f.result}" if f.result else ""
        try:
            node = parse_statements(f"CREATE FUNCTION f({f.arguments}){returns} LANGUAGE sql AS ''")[0].node
        except SqlSyntaxError:
            continue
        types = [p.function_parameter.arg_type for p in node.parameters]
        if node.HasField("return_type"):
            types.append(node.return_type)
        for t in types:
            names = [n.string.sval for n in t.names]
            if (tuple(names) if len(names) == 2 else ("public", *names)) in views:
                out.add(f.key)
    return out


def _names(function: Function) -> tuple[str, str]:
    return function.name, f"{function.schema}.{function.name}"


def _calls(expression: str | None, names: set[str]) -> bool:
    return bool(expression) and "(" in str(expression) and bool(_called([str(expression)]) & names)


def _release_rebuilt(old: Model, plan: Plan, names: set[str]) -> None:
    """Take defaults, CHECKs, policies and indexes of the tables that stay off the functions (``names``) that are
    dropped and created again — DROP FUNCTION refuses while they use one — and put them back after the
    new function exists. The table's own step may already change one of them: its drop moves ahead
    (a default then starts from none), its re-creation stays where it was."""
    from pgshift.diff.kinds.column import SetDefault
    from pgshift.diff.kinds.constraint import DropConstraint, add_constraint
    from pgshift.diff.kinds.index import CreateIndex, DropIndex
    from pgshift.diff.kinds.policy import CreatePolicy, DropPolicy

    for table in old.tables:
        target = plan.new_tables.get(table.key)
        if target is None:
            continue
        s, n = table.schema, table.name
        for column in table.columns:
            if not _calls(column.default, names):
                continue
            plan.release_functions.append(SetDefault(s, n, column.name, column.default, None))
            same = [op for op in plan.columns if isinstance(op, SetDefault)
                    and (op.schema, op.table, op.column) == (s, n, column.name)]  # fmt: skip
            plan.columns = [op for op in plan.columns if op not in same]
            after = target.column(column.name)
            if after is not None and after.default:
                plan.columns.append(SetDefault(s, n, column.name, None, after.default))
        for check in table.check_constraints:
            if _calls(check.expression, names):
                _move_or_rebuild(plan, DropConstraint(s, n, check),
                                 [add_constraint(s, n, c) for c in target.check_constraints if c.name == check.name],
                                 plan.constraints)  # fmt: skip
        for policy in table.policies:
            if _calls(policy.using, names) or _calls(policy.with_check, names):
                _move_or_rebuild(plan, DropPolicy(s, n, policy),
                                 [CreatePolicy(s, n, p) for p in target.policies if p.name == policy.name],
                                 plan.policies, already=plan.drop_policies)  # fmt: skip
        for index in table.indexes:
            used = [e.expression for e in index.elements if e.is_expression] + [index.where or ""]
            if any(_calls(e, names) for e in used):
                # a partitioned table's index has no CONCURRENTLY (pgshift.diff.kinds.index)
                _move_or_rebuild(plan, DropIndex(s, n, index, concurrently=not table.partition_by),
                                 [CreateIndex(s, n, i, concurrently=not target.partition_by)
                                  for i in target.indexes if i.name == index.name],
                                 plan.indexes)  # fmt: skip


def _move_or_rebuild(
    plan: Plan,
    drop: Operation,
    create: list[Operation],
    phase: list[Operation],
    already: list[Operation] | None = None,
) -> None:
    """``drop`` goes ahead of the function rebuild: moved there when the table's step already drops
    the object (it changes too: its drop is in ``already``), else added, with ``create`` putting the
    unchanged object back."""
    dropped = plan.early_drops if already is None else already
    if drop in dropped:
        dropped.remove(drop)
    elif create:
        phase.extend(create)
    plan.release_functions.append(drop)


def _name_in(function: Function, names: set[str]) -> bool:
    return function.name in names or f"{function.schema}.{function.name}" in names


def used_by_tables(tables: Iterable[Table]) -> set[str]:
    """Names of the functions tables call (``name`` and ``schema.name`` as written) in defaults, generated
    columns, CHECKs, index keys and predicates, and policies: those must exist before the tables."""

    expressions: list[str] = []
    for table in tables:
        for column in table.columns:
            expressions += [e for e in (column.default, column.generated) if e]
        expressions += [c.expression for c in table.check_constraints]
        for index in table.indexes:
            expressions += [e.expression for e in index.elements if e.is_expression]
            expressions += [index.where] if index.where else []
        for policy in table.policies:
            expressions += [e for e in (policy.using, policy.with_check) if e]
    return _called(expressions)


def used_by_operators(model: Model) -> set[str]:
    """Names (``schema.name``) of the functions casts and operators call (an operator's RESTRICT and
    JOIN estimators too): created with those the tables use, before the casts and operators
    (``Plan.operators``), which come before the tables."""
    from pgshift.diff.kinds.cast import function_name

    texts = [c.function for c in model.casts]
    texts += [t for o in model.operators for t in (o.function, o.restrict, o.join)]
    return {f"{n[0]}.{n[1]}" for t in texts if (n := function_name(t)) is not None}


def stored_users(model: Model, names: set[str]) -> list[str]:
    """What holds values computed by the functions ``names`` (``name`` or ``schema.name``): indexes on
    expressions or with a predicate (a materialized view's too), generated columns, and CHECKs (checked
    once, on write). CREATE OR REPLACE recomputes none of them: the linter and ``ReplaceFunction`` warn
    with ``stale_message``."""
    return stored_users_where(model, lambda expression: _calls(expression, names))


def stored_users_where(model: Model, uses: Callable[[str], bool]) -> list[str]:
    """What holds values computed by expressions ``uses`` accepts (see ``stored_users``): also what a
    changed text search configuration, named in them, leaves stale."""
    out: list[str] = []
    for table in model.tables:
        where = f"{table.schema}.{table.name}"
        out += [
            f"generated column {where}.{c.name}" for c in table.columns if c.generated and uses(c.generated)
        ]
        out += [f"CHECK {c.name} on {where}" for c in table.check_constraints if uses(c.expression)]
        out += [f"index {i.name} on {where}" for i in table.indexes if _index_uses(i, uses)]
    for view in model.views:
        out += [f"index {i.name} on {view.key}" for i in view.indexes if _index_uses(i, uses)]
    return out


def _index_uses(index: Index, uses: Callable[[str], bool]) -> bool:
    used = [e.expression for e in index.elements if e.is_expression] + [index.where or ""]
    return any(uses(e) for e in used if e)


def stale_message(users: Iterable[str]) -> str:
    """Why replacing a function that ``users`` (from ``stored_users``) depend on is a hazard."""
    return (
        f"{', '.join(users)} keep what the old definition computed; a changed result silently makes "
        "them wrong (REINDEX the index, rewrite the generated column, re-check the rows)"
    )


def _called(expressions: Iterable[str]) -> set[str]:
    """The function names ``expressions`` call, as written (``name`` or ``schema.name``)."""
    import postgast

    names: set[str] = set()
    for expression in expressions:
        if "(" not in expression:
            continue
        try:
            names.update(postgast.extract_functions(postgast.parse(f"SELECT {expression}")))
        except postgast.PgQueryError:
            continue
    return names
