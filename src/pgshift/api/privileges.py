"""Roles the schema's privileges name must exist before anything is planned against a database.

pgshift never creates roles (they are cluster-wide, and passwords and memberships are not schema), so
a grant to a role the server lacks would fail halfway through a migration. ``require_roles`` says so up
front, with the role, the objects naming it and what to do.
"""

from __future__ import annotations

from typing import Any

from pgshift.errors import PgshiftError
from pgshift.model.privileges import PUBLIC_ROLE
from pgshift.model.schema import Model


def named_roles(model: Model) -> dict[str, list[str]]:
    """Role name -> the grants and default privileges of ``model`` that name it (PUBLIC is no role)."""
    out: dict[str, list[str]] = {}
    for g in model.grants:
        out.setdefault(g.grantee, []).append(g.key)
    for d in model.default_privileges:
        out.setdefault(d.grantee, []).append(f"default privileges on {d.key}")
        if d.role is not None:
            out.setdefault(d.role, []).append(f"default privileges on {d.key}")
    out.pop(PUBLIC_ROLE, None)
    return out


def require_roles(conn: Any, model: Model) -> None:
    """Raise a PgshiftError naming every role ``model``'s privileges need that the server lacks."""
    from pgshift import catalog

    needed = named_roles(model)
    if not needed:
        return
    found = {row[0] for row in conn.execute(catalog.load("roles"), {"names": sorted(needed)})}
    missing = sorted(set(needed) - found)
    if missing:
        uses = "; ".join(f"{role} (by {', '.join(needed[role][:3])})" for role in missing)
        raise PgshiftError(
            f"the schema grants privileges to role{'s' if len(missing) > 1 else ''} the server does not have: "
            f"{uses}",
            hint="create the role first (CREATE ROLE ...; pgshift never creates roles), "
            "or remove the grant from the schema code",
        )
