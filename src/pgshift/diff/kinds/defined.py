"""Extensions, collations, domains, range and composite types (the kind ``defined``): each is its CREATE
statement. Created after schemas and enums and before everything that may use them (sequences,
functions, tables); dropped after the tables and functions that used them. A domain whose base type and
collation stay is changed in place (``ALTER DOMAIN``: default, NOT NULL, CHECK constraints by name), so
the columns using it keep their data; any other changed object is dropped first and created again (a
type still used by a column makes that DROP fail: change such a type in a hand-written migration)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action, Hazard, HazardKind
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation
from pgshift.diff.kinds.comment import SetComment, comment_sql
from pgshift.diff.plan import Plan
from pgshift.model.schema import DefinedObject, Model, ObjectKind
from pgshift.model.types import quote_ident, quote_literal
from pgshift.pg.parser import deparse_expression, deparse_type, nodes

_KEYWORD = {
    ObjectKind.EXTENSION: "EXTENSION",
    ObjectKind.COLLATION: "COLLATION",
    ObjectKind.DOMAIN: "DOMAIN",
    ObjectKind.RANGE: "TYPE",
    ObjectKind.COMPOSITE: "TYPE",
}


def _name(o: DefinedObject) -> str:
    if o.kind is ObjectKind.EXTENSION:
        return quote_ident(o.name)
    return f"{quote_ident(o.schema)}.{quote_ident(o.name)}"


@dataclass(frozen=True)
class CreateObject(Operation):
    """A declared object's own statements (a domain, a composite type, a collation: ``DefinedObject``)."""

    obj: DefinedObject
    action = Action.CREATE_OBJECT

    @property
    def subject(self) -> str:
        return self.obj.key

    def sql(self) -> list[str]:
        out = [self.obj.definition.rstrip().removesuffix(";") + ";"]
        if self.obj.comment is not None:
            out.append(
                f"COMMENT ON {_KEYWORD[self.obj.kind]} {_name(self.obj)} IS {quote_literal(self.obj.comment)};"
            )
        out += [comment_sql(target, text) for target, text in self.obj.part_comments]
        return out

    def reverse(self) -> Operation:
        return DropObject(self.obj)

    def describe(self) -> str:
        return f"create {self.obj.kind.value} {self.obj.key}"


@dataclass(frozen=True)
class DropObject(Operation):
    """DROP; ``replaced_by`` is the object created again under its name when ALTER cannot change it."""

    obj: DefinedObject
    replaced_by: DefinedObject | None = None
    action = Action.DROP_OBJECT

    @property
    def subject(self) -> str:
        return self.obj.key

    def hazards(self) -> tuple[Hazard, ...]:
        found = super().hazards()
        change = retyped_domain(self.obj, self.replaced_by)
        if change is not None:
            message = (
                f"{self.subject}: the domain's base type changes ({change[0]} -> {change[1]}), which ALTER "
                "DOMAIN cannot do: it is dropped and created again, and the DROP fails while a column or "
                "function uses it (move those to the new type first, by hand)"
            )
            found += (Hazard(HazardKind.PRECONDITION, message),)
        return found

    def sql(self) -> list[str]:
        return [f"DROP {_KEYWORD[self.obj.kind]} {_name(self.obj)};"]

    def reverse(self) -> Operation:
        return CreateObject(self.obj)

    def describe(self) -> str:
        return f"drop {self.obj.kind.value} {self.obj.key}"

    def destroys(self) -> tuple[Destroyed, ...]:
        if self.obj.kind is ObjectKind.EXTENSION:  # its own tables and their data go with it
            return (Destroyed(DestroyedKind.TYPE, self.obj.schema, f"extension {self.obj.name}"),)
        return ()


@dataclass(frozen=True)
class DomainParts:
    """A domain's CREATE statement taken apart by the parser: what ALTER DOMAIN can change in place
    (default, NOT NULL, named CHECKs) and what it cannot (base type, collation)."""

    base: str
    collation: str | None
    default: str | None
    not_null: bool
    checks: tuple[tuple[str, str], ...]  # (name, CHECK (...)) in statement order


def domain_parts(definition: str) -> DomainParts | None:
    """The parts of ``CREATE DOMAIN ...`` (as catalog/defined.sql prints it), None if it is not one or
    has an unnamed constraint (the catalog names every one; a declaration read back does too)."""
    from pgshift.pg.parser import SqlSyntaxError, parse_statements

    try:
        statements = parse_statements(definition)
    except SqlSyntaxError:
        return None
    if len(statements) != 1 or statements[0].kind != "create_domain_stmt":
        return None
    domain = statements[0].node
    collation = None
    if domain.HasField("coll_clause"):
        collation = ".".join(n.string.sval for n in domain.coll_clause.collname)
    default, not_null, checks = None, False, []
    for node in domain.constraints:
        c = node.constraint
        if c.contype == nodes.CONSTR_DEFAULT:
            default = deparse_expression(c.raw_expr)
        elif c.contype == nodes.CONSTR_NOTNULL:
            not_null = True
        elif c.contype == nodes.CONSTR_CHECK and c.conname:
            checks.append((c.conname, f"CHECK ({deparse_expression(c.raw_expr)})"))
        elif c.contype != nodes.CONSTR_NULL:
            return None
    return DomainParts(deparse_type(domain.type_name), collation, default, not_null, tuple(checks))


@dataclass(frozen=True)
class AlterDomain(Operation):
    """``ALTER DOMAIN`` statements turning ``old`` into ``new`` (same base type and collation)."""

    old: DefinedObject
    new: DefinedObject
    action = Action.ALTER_DOMAIN

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        before, after = domain_parts(self.old.definition), domain_parts(self.new.definition)
        assert before is not None and after is not None
        head = f"ALTER DOMAIN {_name(self.new)}"
        out: list[str] = []
        old_checks, new_checks = dict(before.checks), dict(after.checks)
        out += [f"{head} DROP CONSTRAINT {quote_ident(name)};" for name, check in before.checks
                if new_checks.get(name) != check]  # fmt: skip
        if before.default != after.default:
            out.append(f"{head} SET DEFAULT {after.default};" if after.default else f"{head} DROP DEFAULT;")
        if before.not_null != after.not_null:
            out.append(f"{head} {'SET' if after.not_null else 'DROP'} NOT NULL;")
        added = [name for name, check in after.checks if old_checks.get(name) != check]
        out += [f"{head} ADD CONSTRAINT {quote_ident(name)} {new_checks[name]};" for name in added]
        if self.old.comment != self.new.comment:
            comment = "NULL" if self.new.comment is None else quote_literal(self.new.comment)
            out.append(f"COMMENT ON DOMAIN {_name(self.new)} IS {comment};")
        # a constraint added again has lost its comment; the others keep theirs unless it changes; a
        # dropped one's goes with it
        target = f"ON DOMAIN {_name(self.new)}"
        readded = {f"CONSTRAINT {quote_ident(name)} {target}" for name in added}
        kept = {f"CONSTRAINT {quote_ident(name)} {target}" for name in new_checks}
        before_comments, after_comments = dict(self.old.part_comments), dict(self.new.part_comments)
        for part in sorted(kept):
            text = after_comments.get(part)
            if (part in readded and text is not None) or (
                part not in readded and before_comments.get(part) != text
            ):
                out.append(comment_sql(part, text))
        return out

    def reverse(self) -> Operation:
        return AlterDomain(self.new, self.old)

    def describe(self) -> str:
        return f"alter domain {self.new.key}"


def retyped_domain(old: DefinedObject, new: DefinedObject | None) -> tuple[str, str] | None:
    """(old base, new base) when ``new`` is the domain ``old`` with another base type or collation."""
    if new is None or not (old.kind is ObjectKind.DOMAIN and new.kind is ObjectKind.DOMAIN):
        return None
    before, after = domain_parts(old.definition), domain_parts(new.definition)
    if before is None or after is None or (before.base, before.collation) == (after.base, after.collation):
        return None
    return _spelled(before), _spelled(after)


def _spelled(parts: DomainParts) -> str:
    return parts.base + (f" COLLATE {parts.collation}" if parts.collation else "")


def _alterable(old: DefinedObject, new: DefinedObject) -> bool:
    """Both are domains differing only in what ALTER DOMAIN changes."""
    if not (old.kind is ObjectKind.DOMAIN and new.kind is ObjectKind.DOMAIN):
        return False
    before, after = domain_parts(old.definition), domain_parts(new.definition)
    return (
        before is not None
        and after is not None
        and (before.base, before.collation) == (after.base, after.collation)
    )


def _same_but_comments(a: DefinedObject, b: DefinedObject | None) -> bool:
    """The same object apart from its comment and its parts' comments (changed in place)."""
    return b is not None and replace(a, comment=None, part_comments=()) == replace(
        b, comment=None, part_comments=()
    )


def _comment_changes(was: DefinedObject, o: DefinedObject) -> list[Operation]:
    on = f"{_KEYWORD[o.kind]} {_name(o)}"
    out: list[Operation] = []
    if was.comment != o.comment:
        out.append(SetComment(on, o.kind.value, o.key, was.comment, o.comment))
    before, after = dict(was.part_comments), dict(o.part_comments)
    for target in sorted(before.keys() | after.keys()):
        if before.get(target) != after.get(target):
            out.append(
                SetComment(target, f"part of {o.kind.value}", o.key, before.get(target), after.get(target))
            )
    return out


def _spellings(name: str) -> str:
    """A regex of ``name`` as the server may print it: quoted, or bare when folding keeps it."""
    forms = [re.escape(quote_ident(name))]
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        forms.append(re.escape(name))
    return "(?:" + "|".join(forms) + ")"


def _named_in(o: DefinedObject, other: DefinedObject) -> bool:
    """Whether ``o``'s definition names ``other``, as format_type prints a type: qualified, or bare where
    the search_path finds it (a false match only reorders)."""
    if other.kind is ObjectKind.EXTENSION or other.key == o.key:
        return False
    pattern = rf'(?<![\w."])(?:{_spellings(other.schema)}\.)?{_spellings(other.name)}(?![\w"])'
    return re.search(pattern, o.definition) is not None


def dependency_order(objects: tuple[DefinedObject, ...]) -> list[DefinedObject]:
    """``objects`` in their canonical order (by kind, then name), except that each comes after the others
    its definition names: a domain over a composite type (``test.composite_domain AS test.point_2d``), a
    composite type with a domain attribute. Created in this order, dropped in the reverse."""
    out: list[DefinedObject] = []
    placed: set[str] = set()

    def place(o: DefinedObject, visiting: frozenset[str]) -> None:
        if o.key in placed or o.key in visiting:
            return  # a cycle (a false match) keeps the canonical order
        for other in objects:
            if _named_in(o, other):
                place(other, visiting | {o.key})
        placed.add(o.key)
        out.append(o)

    for o in objects:
        place(o, frozenset())
    return out


def diff_defined(old: Model, new: Model, plan: Plan) -> Model:
    before = {o.key: o for o in old.defined}
    after = {o.key: o for o in new.defined}
    altered: set[str] = set()
    for o in reversed(dependency_order(old.defined)):
        target = after.get(o.key)
        if target is None:
            plan.drop_defined.append(DropObject(o))
        elif _same_but_comments(o, target):
            continue  # comments alone change in place (below)
        elif _alterable(o, target):
            altered.add(o.key)
        else:
            plan.early_function_drops.append(DropObject(o, replaced_by=target))
    for o in dependency_order(new.defined):
        was = before.get(o.key)
        if was is not None and o.key in altered:
            plan.defined.append(AlterDomain(was, o))  # its comment too
        elif was is None or not _same_but_comments(was, o):
            plan.defined.append(CreateObject(o))
        else:  # in place: a domain or type that columns use cannot be dropped
            plan.defined += _comment_changes(was, o)
    return old
