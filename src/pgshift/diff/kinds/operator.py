"""User-defined operators (the kind ``operator``, ``CREATE OPERATOR``): keyed by schema, name and operand
types.

Created after casts in ``Plan.operators``: after the functions they call (created in the early function
phase, before the tables) and before the tables, defaults, CHECKs, indexes and views that use them;
dropped after those are gone and before their functions (``Plan.drop_operators``). A COMMUTATOR or
NEGATOR naming an operator not yet created makes a shell that the later CREATE OPERATOR fills in, so
operators need no order among themselves; dropping one unlinks its commutator and negator.

``ALTER OPERATOR ... SET`` changes RESTRICT and JOIN (and the comment) in place. Anything else — the
function, COMMUTATOR, NEGATOR, HASHES, MERGES (PostgreSQL 17 can set some of these once, not change or
unset them; pgshift does not use it) — or a function rebuilt under it makes a drop and a create
(``Plan.drop_operators_early``, before the functions are dropped). The DROP fails while an index,
constraint, default or view uses the operator: the op names those it finds as a PRECONDITION hazard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action, Hazard, HazardKind
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.cast import function_name, rebuilt_names, renamed
from pgshift.diff.kinds.comment import SetComment, created_comment
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model, Operator
from pgshift.model.types import quote_ident

NOUN = "operator"


def reference(o: Operator) -> str:
    """``"public".=== (integer, integer)``: the operator as ALTER, DROP and COMMENT ON name it."""
    return f"{quote_ident(o.schema)}.{o.name} ({o.left or 'NONE'}, {o.right})"


def create_sql(o: Operator) -> str:
    """``CREATE OPERATOR`` as pg_dump writes it (there is no server function printing one)."""
    options = ([f"LEFTARG = {o.left}"] if o.left else []) + [
        f"RIGHTARG = {o.right}",
        f"FUNCTION = {o.function}",
    ]
    options += [f"COMMUTATOR = OPERATOR({o.commutator})"] if o.commutator else []
    options += [f"NEGATOR = OPERATOR({o.negator})"] if o.negator else []
    options += [f"RESTRICT = {o.restrict}"] if o.restrict else []
    options += [f"JOIN = {o.join}"] if o.join else []
    options += ["HASHES"] if o.hashes else []
    options += ["MERGES"] if o.merges else []
    return f"CREATE OPERATOR {quote_ident(o.schema)}.{o.name} ({', '.join(options)});"


def users(model: Model, o: Operator) -> list[str]:
    """What in ``model`` uses ``o`` by its symbol (defaults, generated columns, CHECKs, index keys and
    predicates, policies, views): a DROP OPERATOR fails while they do. Matched on text, so an operator
    of the same symbol over other types may be named too (a hazard said once too often, never missed)."""
    spelled = re.compile(rf"(?:^|[\s(]){re.escape(o.name)}(?:$|[\s(])|OPERATOR\([^)]*\.{re.escape(o.name)}\)")

    def uses(text: str | None) -> bool:
        return bool(text) and spelled.search(str(text)) is not None

    out: list[str] = []
    for table in model.tables:
        where = table.key
        out += [f"column {where}.{c.name}" for c in table.columns if uses(c.default) or uses(c.generated)]
        out += [f"CHECK {c.name} on {where}" for c in table.check_constraints if uses(c.expression)]
        out += [
            f"index {i.name} on {where}"
            for i in table.indexes
            if uses(i.where) or any(uses(e.expression) for e in i.elements if e.is_expression)
        ]
        out += [f"policy {p.name} on {where}" for p in table.policies if uses(p.using) or uses(p.with_check)]
    out += [f"view {v.key}" for v in model.views if uses(v.definition)]
    return out


@dataclass(frozen=True)
class CreateOperator(Operation):
    """CREATE OPERATOR."""

    operator: Operator
    action = Action.CREATE_OPERATOR

    @property
    def subject(self) -> str:
        return self.operator.key

    def sql(self) -> list[str]:
        o = self.operator
        return [create_sql(o), *created_comment(f"OPERATOR {reference(o)}", o.comment)]

    def reverse(self) -> Operation:
        return DropOperator(self.operator)

    def describe(self) -> str:
        return f"create operator {self.operator.key}"


@dataclass(frozen=True)
class DropOperator(Operation):
    """``DROP OPERATOR``; ``replaced_by`` is the operator created again (a change ALTER cannot make),
    ``used_by`` what uses it (from ``users``) and so blocks the DROP: said only when the plan does not
    drop those first (a rebuild, a schema rename)."""

    operator: Operator
    replaced_by: Operator | None = None
    used_by: tuple[str, ...] = ()
    action = Action.DROP_OPERATOR

    @property
    def subject(self) -> str:
        return self.operator.key

    def hazards(self) -> tuple[Hazard, ...]:
        found = super().hazards()
        if self.used_by:
            why = "ALTER OPERATOR cannot make this change" if self.replaced_by else "its schema is renamed"
            message = (
                f"{self.subject}: {why}, so it is dropped and created again, and the DROP fails while "
                f"{', '.join(self.used_by)} use it (drop those first, by hand, and create them again after)"
            )
            found += (Hazard(HazardKind.PRECONDITION, message),)
        return found

    def sql(self) -> list[str]:
        return [f"DROP OPERATOR {reference(self.operator)};"]

    def reverse(self) -> Operation:
        return CreateOperator(self.operator)

    def describe(self) -> str:
        return f"drop operator {self.operator.key}"


@dataclass(frozen=True)
class AlterOperator(Operation):
    """RESTRICT and JOIN (``ALTER OPERATOR ... SET``), the only settings PostgreSQL 15+ alters."""

    old: Operator
    new: Operator
    action = Action.ALTER_OPERATOR

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        sets = [
            f"{word} = {getattr(self.new, field) or 'NONE'}"
            for word, field in (("RESTRICT", "restrict"), ("JOIN", "join"))
            if getattr(self.old, field) != getattr(self.new, field)
        ]
        return [f"ALTER OPERATOR {reference(self.new)} SET ({', '.join(sets)});"]

    def reverse(self) -> Operation:
        return AlterOperator(self.new, self.old)

    def describe(self) -> str:
        return f"alter operator {self.new.key}"


def _functions(o: Operator) -> set[tuple[str, str] | None]:
    return {function_name(f) for f in (o.function, o.restrict, o.join)}


def _in_place(a: Operator, b: Operator) -> bool:
    """``a`` becomes ``b`` by ALTER OPERATOR ... SET and COMMENT ON alone."""
    return replace(a, restrict=None, join=None, comment=None) == replace(
        b, restrict=None, join=None, comment=None
    )


def diff_operators(old: Model, new: Model, plan: Plan) -> Model:
    before = {o.key: o for o in old.operators}
    after = {o.key: o for o in new.operators}
    rebuilt = rebuilt_names(old, plan)
    for key, o in before.items():
        b = after.get(key)
        if b is not None and not (_functions(o) & rebuilt) and _in_place(o, b):
            if (o.restrict, o.join) != (b.restrict, b.join):
                plan.operators.append(AlterOperator(o, b))
            if o.comment != b.comment:
                on = f"OPERATOR {reference(b)}"
                plan.operators.append(SetComment(on, NOUN, key, o.comment, b.comment))
            continue
        if renamed(plan, o.schema, o.function, o.restrict, o.join):
            # its functions are dropped before the rename (their text names the schema); what uses it is
            # not taken off first: a PRECONDITION hazard names it
            plan.pre_rename_drops.insert(0, DropOperator(o, b, tuple(users(old, o))))
        elif b is None:
            plan.drop_operators.append(DropOperator(o))
        else:
            plan.drop_operators_early.append(DropOperator(o, b, tuple(users(old, o))))
        if b is not None:
            plan.operators.append(CreateOperator(b))
    plan.operators += [CreateOperator(o) for key, o in after.items() if key not in before]
    return old
