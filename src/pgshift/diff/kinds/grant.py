"""Privileges (the kinds ``grant`` and ``default privilege``): GRANT / REVOKE and ALTER DEFAULT PRIVILEGES.

One operation, ``ChangePrivileges(before, after)``, takes one grantee's privileges on one object (or one
default-privileges entry) from ``before`` to ``after`` (None: holds nothing); its reverse swaps them, so
the down migration is exact, grant option included. Revokes of what goes away run first of all (before
renames and drops: the object still has its old name, a dropped object's grants are given back by the
down migration in the right place); grants run after everything is created. An object rebuilt by this
migration (a view, routine or enum dropped and created again) loses its ACL, so its grants are revoked and
granted again around the rebuild. A revoked built-in privilege (``revoked``: PUBLIC's EXECUTE taken away,
of an object or of default privileges) swaps the verbs: holding it is a REVOKE, giving it up a GRANT. A
rebuilt object has PUBLIC's default back, so the REVOKE runs again after it is created, on the same path.
Roles are never created or dropped, and owners never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.enum import RecreateEnum
from pgshift.diff.plan import Plan
from pgshift.model.privileges import PUBLIC_ROLE, DefaultPrivilege, Grant
from pgshift.model.schema import Model
from pgshift.model.types import quote_ident

Privileges = Grant | DefaultPrivilege


def _role(name: str) -> str:
    return PUBLIC_ROLE if name == PUBLIC_ROLE else quote_ident(name)


def _target(g: Grant) -> str:
    """``ON TABLE "public"."users"`` (the privilege list carries a column, see ``_words``)."""
    if g.on == "schema":
        return f"ON SCHEMA {quote_ident(g.schema)}"
    if g.on in ("function", "procedure"):
        name, _, args = g.name.partition("(")
        return f"ON {g.on.upper()} {quote_ident(g.schema)}.{quote_ident(name)}({args}"
    return f"ON {g.on.upper()} {quote_ident(g.schema)}.{quote_ident(g.name)}"


def _words(privileges: list[str], column: str | None) -> str:
    suffix = f" ({quote_ident(column)})" if column else ""
    return ", ".join(p + suffix for p in privileges)


def _statement(item: Privileges, verb: str, privileges: list[str], option: bool) -> str:
    """One GRANT or REVOKE (``option``: WITH GRANT OPTION / GRANT OPTION FOR) of ``privileges``."""
    if isinstance(item, Grant):
        words, on, grantee = _words(privileges, item.column), _target(item), _role(item.grantee)
        prefix = ""
    else:
        words, on, grantee = ", ".join(privileges), f"ON {item.on.upper()}", _role(item.grantee)
        prefix = "ALTER DEFAULT PRIVILEGES"
        prefix += f" FOR ROLE {quote_ident(item.role)}" if item.role else ""
        prefix += f" IN SCHEMA {quote_ident(item.schema)}" if item.schema else ""
        prefix += " "
    if item.revoked:  # holding a revoked default is revoking it
        verb = "REVOKE" if verb == "GRANT" else "GRANT"
    if verb == "GRANT":
        return f"{prefix}GRANT {words} {on} TO {grantee}{' WITH GRANT OPTION' if option else ''};"
    return f"{prefix}REVOKE {'GRANT OPTION FOR ' if option else ''}{words} {on} FROM {grantee};"


@dataclass(frozen=True)
class ChangePrivileges(Operation):
    """Take one grantee's privileges on one object from ``before`` to ``after`` (see module docstring)."""

    before: Privileges | None
    after: Privileges | None

    @property
    def _item(self) -> Privileges:
        item = self.after or self.before
        assert item is not None
        return item

    def _sets(self) -> tuple[set[str], set[str], set[str], set[str]]:
        had = set(self.before.privileges) if self.before else set()
        had_option = set(self.before.grantable) if self.before else set()
        has = set(self.after.privileges) if self.after else set()
        has_option = set(self.after.grantable) if self.after else set()
        return had, had_option, has, has_option

    @property
    def action(self) -> Action:
        had, had_option, has, has_option = self._sets()
        losing = bool((had - has) or (had_option - has_option))
        if self._item.revoked:
            losing = not losing
        return Action.REVOKE_PRIVILEGE if losing else Action.GRANT_PRIVILEGE

    @property
    def subject(self) -> str:
        return self._item.key

    def sql(self) -> list[str]:
        had, had_option, has, has_option = self._sets()
        item = self._item
        out = []
        if gone := sorted(had - has):  # revoking a privilege takes its grant option with it
            out.append(_statement(item, "REVOKE", gone, False))
        if option_gone := sorted((had_option & has) - has_option):
            out.append(_statement(item, "REVOKE", option_gone, True))
        if plain := sorted(has - had - has_option):
            out.append(_statement(item, "GRANT", plain, False))
        if with_option := sorted(has_option - had_option):
            out.append(_statement(item, "GRANT", with_option, True))
        return out

    def reverse(self) -> Operation:
        return ChangePrivileges(self.after, self.before)

    def describe(self) -> str:
        had, _, has, _ = self._sets()
        item = self._item
        what = item.object_key if isinstance(item, Grant) else f"default privileges on {item.on}"
        if item.revoked:
            if not had:
                return f"revoke {', '.join(sorted(has))} on {what} from {item.grantee}"
            if not has:
                return f"grant {', '.join(sorted(had))} on {what} to {item.grantee} again"
            return f"change revoked {what} of {item.grantee}"
        if not had:
            return f"grant {', '.join(sorted(has))} on {what} to {item.grantee}"
        if not has:
            return f"revoke {', '.join(sorted(had))} on {what} from {item.grantee}"
        return f"change privileges of {item.grantee} on {what}"


def given_back_to_public(operations: Sequence[Operation]) -> list[str]:
    """The privileges ``operations`` give back to PUBLIC for good: a revoked built-in privilege (EXECUTE on a
    routine, USAGE on a type) that the target no longer revokes. A rebuild gives it back to the old object
    and revokes it again on the new one: that is not widening, so only what is not revoked again counts.
    push asks before running such a plan (``diff/dataloss.WIDENS_ACCESS``): code that declares some grants
    but leaves out a revoke would otherwise open a function to everyone without a word."""
    given: dict[str, str] = {}
    for op in operations:
        if not isinstance(op, ChangePrivileges) or not op._item.revoked:
            continue
        if op.before is not None and op.after is None:
            given[op.subject] = op.describe()
        elif op.after is not None:
            given.pop(op.subject, None)  # revoked again (a rebuild, or a changed revoke)
    return list(given.values())


def _rebuilt(g: Any, plan: Plan) -> bool:
    """Whether this migration drops and creates ``g``'s object again (its ACL goes with it)."""
    if not isinstance(g, Grant):
        return False
    if g.on == "table":
        return f"{g.schema}.{g.name}" in plan.rebuilt_views
    if g.on in ("function", "procedure"):  # rebuilt functions are keyed with argument names: match by name
        return f"{g.schema}.{g.name.partition('(')[0]}" in {
            k.split("(", 1)[0] for k in plan.rebuilt_functions
        }
    if g.on == "type":  # an enum whose values change other than by ADD VALUE is a new type
        key = f"{g.schema}.{g.name}"
        return any(isinstance(op, RecreateEnum) and op.new.key == key for op in plan.enums)
    return False


def _diff(before: dict[str, Any], after: dict[str, Any], plan: Plan) -> None:
    for key, old in before.items():
        new = after.get(key)
        if new is None or _rebuilt(old, plan):
            plan.revokes.append(ChangePrivileges(old, None))
    for key, new in after.items():
        old = before.get(key)
        if old is None or _rebuilt(new, plan):
            plan.grants.append(ChangePrivileges(None, new))
        elif old != new:
            plan.grants.append(ChangePrivileges(old, new))


def diff_grants(old: Model, new: Model, plan: Plan) -> Model:
    _diff({g.key: g for g in old.grants}, {g.key: g for g in new.grants}, plan)
    return old


def diff_default_privileges(old: Model, new: Model, plan: Plan) -> Model:
    _diff({d.key: d for d in old.default_privileges}, {d.key: d for d in new.default_privileges}, plan)
    return old
