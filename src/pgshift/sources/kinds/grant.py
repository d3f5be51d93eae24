"""Privileges in the sources: explicit grants (``grants.sql``) and default privileges
(``default_privileges.sql``), kept in the snapshot under ``"pgshift"`` (Drizzle stores no grants: its
``roles`` key holds role definitions, which pgshift neither reads nor creates), and as schema code
declares them (``pgshift.objects.Grant`` / ``DefaultPrivileges``, alembic_utils' ``PGGrantTable``).

Declarations become model objects here directly, without a scratch database: a grant is plain data,
and running it on a scratch server would need the grantee roles to exist there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from pgshift.model import schema as m
from pgshift.model.privileges import (
    DEFAULT_ON,
    PRIVILEGES,
    PUBLIC_DEFAULTS,
    PUBLIC_ROLE,
    DefaultOn,
    DefaultPrivilege,
    Grant,
    GrantOn,
    PrivilegeError,
    canonical_privileges,
    routine_name,
)
from pgshift.model.types import normalize_type
from pgshift.sources.kinds.base import SourceKind


def _listed(privileges: tuple[str, ...]) -> list[str]:
    return list(privileges)


def grant_out(g: Grant) -> dict[str, Any]:
    out: dict[str, Any] = {"on": g.on, "schema": g.schema, "name": g.name}
    if g.column is not None:
        out["column"] = g.column
    out |= {"grantee": g.grantee, "privileges": _listed(g.privileges)}
    if g.grantable:
        out["grantable"] = _listed(g.grantable)
    if g.revoked:
        out["revoked"] = True
    return out


def grant_in(raw: dict[str, Any]) -> Grant:
    return Grant(
        on=raw["on"],
        schema=raw["schema"],
        name=raw["name"],
        grantee=raw["grantee"],
        privileges=tuple(sorted(raw["privileges"])),
        grantable=tuple(sorted(raw.get("grantable") or ())),
        column=raw.get("column"),
        revoked=bool(raw.get("revoked")),
    )


def grant_from_catalog(r: dict[str, Any]) -> Grant:
    name = r["name"]
    if r["arg_types"] is not None:  # a routine: name(argument types), spelled as declarations are
        name = f"{name}({', '.join(normalize_type(t) for t in r['arg_types'])})"
    return Grant(
        on=r["kind"],
        schema=r["schema"],
        name=name,
        grantee=r["grantee"],
        privileges=tuple(r["privileges"]),
        grantable=tuple(r["grantable"]),
        column=r["column_name"],
        revoked=bool(r["revoked"]),
    )


def default_out(d: DefaultPrivilege) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if d.role is not None:
        out["role"] = d.role
    if d.schema is not None:
        out["schema"] = d.schema
    out |= {"on": d.on, "grantee": d.grantee, "privileges": _listed(d.privileges)}
    if d.grantable:
        out["grantable"] = _listed(d.grantable)
    if d.revoked:
        out["revoked"] = True
    return out


def default_in(raw: dict[str, Any]) -> DefaultPrivilege:
    return DefaultPrivilege(
        role=raw.get("role"),
        schema=raw.get("schema"),
        on=raw["on"],
        grantee=raw["grantee"],
        privileges=tuple(sorted(raw["privileges"])),
        grantable=tuple(sorted(raw.get("grantable") or ())),
        revoked=bool(raw.get("revoked")),
    )


def default_from_catalog(r: dict[str, Any]) -> DefaultPrivilege:
    return DefaultPrivilege(
        role=r["role"],
        schema=r["schema"],
        on=r["on_objects"],
        grantee=r["grantee"],
        privileges=tuple(r["privileges"]),
        grantable=tuple(r["grantable"]),
        revoked=bool(r["revoked"]),
    )


GRANT_KIND = SourceKind("grant", "grants", "grants", grant_out, grant_in, "grants", grant_from_catalog, True)
DEFAULT_KIND = SourceKind(
    "default privilege",
    "default_privileges",
    "defaultPrivileges",
    default_out,
    default_in,
    "default_privileges",
    default_from_catalog,
    True,
)


# -- schema code --------------------------------------------------------------------------------------


def _roles(to: Any, with_grant_option: bool, where: str) -> tuple[str, ...]:
    roles = (to,) if isinstance(to, str) else tuple(to)
    out = tuple(PUBLIC_ROLE if r.upper() == PUBLIC_ROLE else r for r in roles)
    if with_grant_option and PUBLIC_ROLE in out:  # PostgreSQL refuses it: grant options go to roles
        raise PrivilegeError(f"{where}: PUBLIC cannot hold a grant option; grant it to a role")
    return out


def _grants_of_own(decl: Any) -> list[Grant]:
    on = str(decl.on).lower()
    if on not in PRIVILEGES or on == "column":
        raise PrivilegeError(
            f"Grant on {decl.on!r}: use one of {', '.join(k for k in PRIVILEGES if k != 'column')}"
        )
    schema, name = decl.schema, decl.name
    where = f"Grant on {on} {schema}.{name}"
    if on in ("function", "procedure"):
        given, name = routine_name(name)
        schema = given or schema
    elif on == "schema":
        name = name or schema
    columns = tuple(decl.columns or ())
    if columns and on != "table":
        raise PrivilegeError(f"{where}: columns are for tables (and views) only")
    privileges = canonical_privileges("column" if columns else on, _words(decl.privileges), where)
    grantable = privileges if decl.with_grant_option else ()
    roles = _roles(decl.to, decl.with_grant_option, where)
    revoke = bool(getattr(decl, "revoke", False))
    if revoke:
        _check_revoked_default(on, privileges, roles, bool(columns or grantable), where)
    return [
        Grant(cast(GrantOn, on), schema, name, role, privileges, grantable, column, revoke)
        for role in roles
        for column in (columns or (None,))
    ]


def _check_revoked_default(
    on: str, privileges: tuple[str, ...], roles: tuple[str, ...], extras: bool, where: str
) -> None:
    """``Grant(revoke=True)`` takes away what PUBLIC holds by default, nothing else (a role's grant is
    taken away by not declaring it)."""
    defaults = PUBLIC_DEFAULTS.get(on, ())
    if not defaults:
        raise PrivilegeError(
            f"{where}: revoke=True takes away a privilege PUBLIC has by default, and a {on} gives PUBLIC none "
            f"(only {', '.join(PUBLIC_DEFAULTS)} do); to take a grant away, remove its declaration"
        )
    if roles != (PUBLIC_ROLE,) or extras or not set(privileges) <= set(defaults):
        raise PrivilegeError(
            f"{where}: revoke=True takes PUBLIC's default {', '.join(defaults)} away: write "
            f"to='PUBLIC', privileges={defaults[0]!r}, without columns or with_grant_option "
            "(to take a role's grant away, remove its declaration)"
        )


def _words(privileges: Any) -> list[str]:
    return (
        [p.strip() for p in privileges.split(",")]
        if isinstance(privileges, str)
        else [str(p) for p in privileges]
    )


def _grants_of_alembic(decl: Any) -> list[Grant]:
    """alembic_utils' ``PGGrantTable(schema, table, role, grant, columns, with_grant_option)``: one
    privilege, on the table or on each of ``columns``."""
    where = f"PGGrantTable {decl.schema}.{decl.table}"
    columns = tuple(getattr(decl, "columns", None) or ())
    grant = getattr(decl.grant, "value", decl.grant)
    privileges = canonical_privileges("column" if columns else "table", [str(grant)], where)
    grantable = privileges if getattr(decl, "with_grant_option", False) else ()
    return [
        Grant("table", decl.schema, decl.table, role, privileges, grantable, column)
        for role in _roles(decl.role, bool(grantable), where)
        for column in (columns or (None,))
    ]


def _default_of(decl: Any) -> list[DefaultPrivilege]:
    on = str(decl.on).lower()
    if on not in DEFAULT_ON:
        raise PrivilegeError(f"DefaultPrivileges on {decl.on!r}: use one of {', '.join(DEFAULT_ON)}")
    if on == "schemas" and decl.schema is not None:
        raise PrivilegeError("DefaultPrivileges on schemas: a schema cannot be given (IN SCHEMA)")
    revoke = bool(getattr(decl, "revoke", False))
    if revoke and (decl.schema is not None or decl.with_grant_option):
        raise PrivilegeError(
            f"DefaultPrivileges(revoke=True) on {on}: a revoked default applies to every schema and has no "
            "grant option; drop schema= and with_grant_option= (IN SCHEMA can only add to the database-wide "
            "default)"
        )
    where = f"DefaultPrivileges on {on}"
    privileges = canonical_privileges(DEFAULT_ON[on], _words(decl.privileges), where)
    grantable = privileges if decl.with_grant_option else ()
    return [
        DefaultPrivilege(decl.for_role, decl.schema, cast(DefaultOn, on), role, privileges, grantable, revoke)
        for role in _roles(decl.to, decl.with_grant_option, where)
    ]


def from_declarations(declarations: Iterable[Any]) -> tuple[list[Grant], list[DefaultPrivilege]]:
    """The grants and default privileges ``declarations`` (pgshift.objects.registered) state, merged
    per object and grantee; the other declarations are skipped."""
    declarations = list(declarations)
    if not declarations:  # (pgshift.objects is loaded only where schema code declared something)
        return [], []
    from pgshift.objects import DefaultPrivileges, is_privilege_declaration
    from pgshift.objects import Grant as GrantDeclaration

    grants: dict[str, Grant] = {}
    defaults: dict[str, DefaultPrivilege] = {}
    for decl in declarations:
        if not is_privilege_declaration(decl):
            continue
        if isinstance(decl, DefaultPrivileges):
            for d in _default_of(decl):
                was = defaults.get(d.key)
                defaults[d.key] = d if was is None else _merged(was, d)
            continue
        made = _grants_of_own(decl) if isinstance(decl, GrantDeclaration) else _grants_of_alembic(decl)
        for g in made:
            had = grants.get(g.key)
            grants[g.key] = g if had is None else _merged(had, g)
    for g in grants.values():
        given = grants.get(f"{g.object_key} to {g.grantee}") if g.revoked else None
        if given is not None and set(given.privileges) & set(g.privileges):
            raise PrivilegeError(
                f"{g.object_key}: {', '.join(g.privileges)} is both granted to and revoked from {g.grantee}; "
                "keep one of the two declarations"
            )
    return list(grants.values()), list(defaults.values())


def _merged(a: Any, b: Any) -> Any:
    import dataclasses

    return dataclasses.replace(
        a,
        privileges=tuple(sorted(set(a.privileges) | set(b.privileges))),
        grantable=tuple(sorted(set(a.grantable) | set(b.grantable))),
    )


def with_declared(model: m.Model, declarations: Iterable[Any]) -> m.Model:
    """``model`` with the privileges ``declarations`` state (the code's model has none otherwise)."""
    import dataclasses

    grants, defaults = from_declarations(declarations)
    if not grants and not defaults:
        return model
    built = m.build_model(grants=grants, default_privileges=defaults)
    return dataclasses.replace(model, grants=built.grants, default_privileges=built.default_privileges)
