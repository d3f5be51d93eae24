"""Privileges as the model holds them: explicit grants on objects, and default privileges.

Only what someone granted explicitly is modelled. A NULL ACL (the object's built-in defaults), the
owner's own implicit privileges and the entries of ``acldefault()`` (PUBLIC's EXECUTE on functions,
USAGE on types) are not: they come with the object, so a database built from the migrations has them
without a statement saying so. Taking one of PUBLIC's built-in privileges away (``REVOKE EXECUTE ON
FUNCTION ... FROM PUBLIC``, the usual hardening of a SECURITY DEFINER routine) is modelled, as a
``Grant`` with ``revoked`` set (``PUBLIC_DEFAULTS`` says which can be). The owner's own rights taken away
from itself are not: ownership is never modelled, changed or relied on.

One ``Grant`` is what one grantee holds on one object (or one column of a table): the set of
privileges, and the subset held WITH GRANT OPTION. The grantor is not modelled (privileges granted by
several roles are one set); GRANT and REVOKE run as the role that applies the migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pgshift.model.types import normalize_type

PUBLIC_ROLE = "PUBLIC"

GrantOn = Literal["table", "sequence", "function", "procedure", "schema", "type", "domain"]
DefaultOn = Literal["tables", "sequences", "functions", "types", "schemas"]

# The privileges each kind of object takes, in the order GRANT ALL grants them (PostgreSQL 15/16).
PRIVILEGES: dict[str, tuple[str, ...]] = {
    "table": ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"),
    "column": ("SELECT", "INSERT", "UPDATE", "REFERENCES"),
    "sequence": ("USAGE", "SELECT", "UPDATE"),
    "function": ("EXECUTE",),
    "procedure": ("EXECUTE",),
    "schema": ("USAGE", "CREATE"),
    "type": ("USAGE",),
    "domain": ("USAGE",),
}
# What PUBLIC holds on an object without a GRANT (``acldefault``; PostgreSQL 15-18), so what a revoked
# Grant can take away. Languages (USAGE) and databases (CONNECT, TEMPORARY) have them too; neither is
# modelled.
PUBLIC_DEFAULTS: dict[str, tuple[str, ...]] = {
    "function": ("EXECUTE",),
    "procedure": ("EXECUTE",),
    "type": ("USAGE",),
    "domain": ("USAGE",),
}
DEFAULT_ON: dict[str, str] = {  # ALTER DEFAULT PRIVILEGES ... ON <plural> -> the kind of object it covers
    "tables": "table",
    "sequences": "sequence",
    "functions": "function",
    "types": "type",
    "schemas": "schema",
}


class PrivilegeError(ValueError):
    """A privilege or object spelled in a way PostgreSQL would refuse (said at declaration time)."""


@dataclass(frozen=True)
class Grant:
    """``GRANT privileges [(column)] ON <on> schema.name TO grantee``, as held now.

    ``name`` is the object's name; a routine's is ``name(argument types)`` in canonical type spelling
    (``add_tax(numeric, numeric)``, see ``routine_name``); a schema's is the schema itself. ``grantee``
    is a role name or ``PUBLIC``. ``privileges`` and ``grantable`` are sorted.

    ``revoked``: a built-in privilege taken away instead (``REVOKE EXECUTE ON FUNCTION ... FROM PUBLIC``):
    ``privileges`` are what ``grantee`` (PUBLIC) no longer holds although the object gives it by default
    (``PUBLIC_DEFAULTS``); never a column nor a grant option. An object created again (a rebuild) has
    its default back, so the revocation is applied again like any grant."""

    on: GrantOn
    schema: str
    name: str
    grantee: str
    privileges: tuple[str, ...]
    grantable: tuple[str, ...] = ()
    column: str | None = None
    revoked: bool = False

    @property
    def object_key(self) -> str:
        """The object (or column) granted on: ``table public.users``, ``table public.users.email``."""
        where = self.schema if self.on == "schema" else f"{self.schema}.{self.name}"
        return f"{self.on} {where}" + (f".{self.column}" if self.column else "")

    @property
    def key(self) -> str:
        """``table public.users to reader``; ``function public.f() from PUBLIC`` for a revoked default."""
        return f"{self.object_key} {'from' if self.revoked else 'to'} {self.grantee}"


@dataclass(frozen=True)
class DefaultPrivilege:
    """``ALTER DEFAULT PRIVILEGES [FOR ROLE role] [IN SCHEMA schema] GRANT ... ON <on> TO grantee``.

    ``role`` None is the role that applies the migrations (no FOR ROLE); ``schema`` None is every
    schema (no IN SCHEMA)."""

    role: str | None
    schema: str | None
    on: DefaultOn
    grantee: str
    privileges: tuple[str, ...]
    grantable: tuple[str, ...] = ()
    # A built-in default taken away (``REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC``): ``privileges`` are
    # what new objects no longer give ``grantee``. Only database-wide (``schema`` None): a per-schema
    # entry can only add to the database-wide one.
    revoked: bool = False

    @property
    def key(self) -> str:
        """``tables in app to reader``, ``functions in * for owner to reader`` (``*``: every schema);
        ``functions in * from PUBLIC`` for a revoked default."""
        role = f" for {self.role}" if self.role else ""
        return f"{self.on} in {self.schema or '*'}{role} {'from' if self.revoked else 'to'} {self.grantee}"


def canonical_privileges(kind: str, privileges: tuple[str, ...] | list[str], where: str) -> tuple[str, ...]:
    """``privileges`` in upper case and sorted, ``ALL`` spelled out; PrivilegeError naming ``where``
    when one does not apply to ``kind`` (PostgreSQL would refuse the GRANT)."""
    allowed = PRIVILEGES[kind]
    out: set[str] = set()
    for raw in privileges:
        word = " ".join(str(raw).upper().split())
        if word in ("ALL", "ALL PRIVILEGES"):
            out |= set(allowed)
        elif word in allowed:
            out.add(word)
        else:
            raise PrivilegeError(
                f"{where}: {raw!r} is not a privilege of a {kind} (it takes {', '.join(allowed)} or ALL)"
            )
    if not out:
        raise PrivilegeError(f"{where}: no privileges given")
    return tuple(sorted(out))


def routine_name(signature: str) -> tuple[str | None, str]:
    """``public.add_tax(amount numeric, int4)`` -> ``("public", "add_tax(numeric, integer)")``: the
    schema (None when not given) and the name with its input argument types in canonical spelling, read
    by the real parser (argument names and modes dropped), so any spelling of one routine is one key."""
    from pgshift.pg.parser import SqlSyntaxError, deparse_type, parse_statements

    try:
        (statement,) = parse_statements(f"DROP ROUTINE {signature}")
        target = statement.node.objects[0].object_with_args
        if target.args_unspecified:
            raise ValueError(signature)
    except (SqlSyntaxError, ValueError, IndexError):
        raise PrivilegeError(
            f"{signature!r} is not a routine signature: write name(argument types), e.g. add_tax(numeric)"
        ) from None
    names = [n.string.sval for n in target.objname]
    args = ", ".join(normalize_type(deparse_type(a.type_name)) for a in target.objargs)
    return (names[-2] if len(names) > 1 else None), f"{names[-1]}({args})"
