"""User-defined casts (the kind ``cast``, ``CREATE CAST``): database-wide, keyed by source and target.

Created with the operators (``Plan.operators``): after the functions they call (those are created in
the early function phase, before the tables) and before the tables, defaults and views that may rely on
them; dropped after those are gone and before their function can go (``Plan.drop_operators``). There is
no ALTER CAST: a changed cast, or one whose function is rebuilt (dropped and created again), is dropped
first (``Plan.drop_operators_early``) and created again; only its comment changes in place. A cast
pgshift does not manage (between built-in types without a function, or in other schemas) is listed as
not managed and never dropped (``catalog/casts.sql``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action, Hazard, HazardKind
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.comment import SetComment, created_comment
from pgshift.diff.plan import Plan
from pgshift.model.schema import Cast, Model

NOUN = "cast"
_CONTEXT = {"e": "", "a": " AS ASSIGNMENT", "i": " AS IMPLICIT"}


def target(c: Cast) -> str:
    """The cast as COMMENT ON and DROP name it: ``CAST (text AS public.email)``."""
    return f"CAST ({c.source} AS {c.target})"


def create_sql(c: Cast) -> str:
    if c.method == "f":
        how = f"WITH FUNCTION {c.function}"
    else:
        how = "WITHOUT FUNCTION" if c.method == "b" else "WITH INOUT"
    return f"CREATE {target(c)} {how}{_CONTEXT[c.context]};"


def function_name(text: str | None) -> tuple[str, str] | None:
    """(schema, name) of ``schema.name`` or ``schema.name(args)`` as the catalog queries print it
    (``quote_ident``: quoted only where needed)."""
    if not text:
        return None
    parts, current, quoted, i = [], "", False, 0
    while i < len(text):
        ch = text[i]
        if quoted and ch == '"' and text[i + 1 : i + 2] == '"':
            current, i = current + '"', i + 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == ".":
            parts.append(current)
            current = ""
        elif not quoted and ch == "(":
            break
        else:
            current += ch
        i += 1
    parts.append(current)
    return (parts[0], parts[1]) if len(parts) == 2 else None


def rebuilt_names(old: Model, plan: Plan) -> set[tuple[str, str]]:
    """(schema, name) of the functions this plan drops and creates again."""
    return {(f.schema, f.name) for f in old.functions if f.key in plan.rebuilt_functions}


def renamed(plan: Plan, schema: str, *functions: str | None) -> bool:
    """Whether ``schema`` or a function's schema is renamed by ``plan``: the functions there are dropped
    before the rename (``Plan.pre_rename_drops``), so what calls them goes before them."""
    names = [function_name(f) for f in functions]
    return bool({schema, *(n[0] for n in names if n)} & plan.renamed_schemas)


@dataclass(frozen=True)
class CreateCast(Operation):
    """CREATE CAST."""

    cast: Cast
    action = Action.CREATE_CAST

    @property
    def subject(self) -> str:
        return self.cast.key

    def sql(self) -> list[str]:
        return [create_sql(self.cast), *created_comment(target(self.cast), self.cast.comment)]

    def reverse(self) -> Operation:
        return DropCast(self.cast)

    def describe(self) -> str:
        return f"create cast {self.cast.key}"


@dataclass(frozen=True)
class DropCast(Operation):
    """``DROP CAST``; ``replaced_by`` is the cast created again under its types (a changed one)."""

    cast: Cast
    replaced_by: Cast | None = None
    action = Action.DROP_CAST

    @property
    def subject(self) -> str:
        return self.cast.key

    def hazards(self) -> tuple[Hazard, ...]:
        found = super().hazards()
        if self.replaced_by is not None:
            message = (
                f"{self.subject}: there is no ALTER CAST, so it is dropped and created again; the DROP "
                "fails while a default, view or function body relies on it (PostgreSQL records that "
                "dependency), and expressions planned in between find no cast"
            )
            found += (Hazard(HazardKind.PRECONDITION, message),)
        return found

    def sql(self) -> list[str]:
        return [f"DROP {target(self.cast)};"]

    def reverse(self) -> Operation:
        return CreateCast(self.cast)

    def describe(self) -> str:
        return f"drop cast {self.cast.key}"


def diff_casts(old: Model, new: Model, plan: Plan) -> Model:
    before = {c.key: c for c in old.casts}
    after = {c.key: c for c in new.casts}
    rebuilt = rebuilt_names(old, plan)
    for key, c in before.items():
        b = after.get(key)
        same = b is not None and replace(c, comment=None) == replace(b, comment=None)
        if b is not None and same and function_name(c.function) not in rebuilt:
            if c.comment != b.comment:
                plan.operators.append(SetComment(target(b), NOUN, key, c.comment, b.comment))
            continue
        if renamed(plan, c.schema, c.function):
            plan.pre_rename_drops.insert(0, DropCast(c, replaced_by=b))  # before its function is dropped
        elif b is None:
            plan.drop_operators.append(DropCast(c))
        else:
            plan.drop_operators_early.append(DropCast(c, replaced_by=b))
        if b is not None:
            plan.operators.append(CreateCast(b))
    plan.operators += [CreateCast(c) for key, c in after.items() if key not in before]
    return old
