"""What pgshift manages, and what it lists as "not managed" instead of touching.

Every kind in pgshift's model can be declared in schema code now (tables through SQLAlchemy; functions,
procedures, aggregates, triggers, views, materialized views, rules, event triggers, statistics objects,
publications, text search dictionaries and configurations, casts and operators through ``pgshift.objects`` or SQL files; domains, composite and range types, collations and extensions as
defined objects), so push and generate manage them all: what the code does not declare is dropped.
Kinds the model does not hold — user mappings (their options hold passwords), a foreign partition's
column options, credential-like options of servers and foreign tables, text search parsers and templates (C-level),
operator classes and families, shell operators, casts it does not manage (see ``catalog/casts.sql``), subscriptions, languages, access methods (a table's ``USING`` one is
modelled; the method itself is not created) — are read from the catalog (``catalog/unmanaged.sql``) and
listed by kind and name by pull, push and status, never dropped. So is an event trigger whose function
lives outside the managed schemas (event triggers belong to no schema: pgshift manages one with the schema
of the function it runs), and a publication naming a table or schema outside them (publications belong
to no schema either: pgshift manages one when everything it names lies in the managed schemas, FOR ALL
TABLES and empty ones included, since they name nothing a filter could place elsewhere; one naming
anything outside is another project's or a replication tool's, and dropping it would stop replication
the schema code never knew about). ``UNDECLARABLE`` names model fields that code cannot declare (none today); a kind that
joins the model but not yet the declarations goes there, and push, generate and pull set it aside.
``OPT_IN`` kinds (grants, default privileges, foreign-data wrappers, foreign servers) are managed only
when the code declares at least one.
A revoked built-in privilege (``objects.Grant(..., revoke=True)``: PUBLIC's EXECUTE taken off a routine)
is a grant here: it counts as a declaration, and until the code declares a grant the database's revoked
ones are listed as not managed and left in force. Pull declares them, so pulled code manages them; once
grants are managed, one the code leaves out is given back to PUBLIC by push (status names it first).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pgshift.model.schema import Model

# Model fields whose objects schema code cannot declare (one owner for this fact).
UNDECLARABLE: tuple[str, ...] = ()

# Model fields managed only once the code declares at least one of them (grants, default privileges:
# a database has them before anyone writes them down). Until then the database's are listed as not
# managed and left as they are; generate keeps the snapshot's.
# Foreign-data wrappers and servers likewise: database-wide, so a database's (another team's, another
# schema's) are not dropped because this code does not mention them; pull declares them.
OPT_IN: tuple[str, ...] = ("grants", "default_privileges", "foreign_data_wrappers", "foreign_servers")
_OPT_IN_NOUN = {
    "grants": "grant",
    "default_privileges": "default privilege",
    "foreign_data_wrappers": "foreign data wrapper",
    "foreign_servers": "foreign server",
}


@dataclass(frozen=True)
class Unmanaged:
    """An object of the snapshot whose kind schema code cannot declare: kept as it is, and named to the user."""

    kind: str  # "foreign table", "access method", "event trigger", ...
    name: str  # qualified name (database-wide kinds: their name)

    def describe(self) -> str:
        return f"{self.kind} {self.name.removeprefix('public.')}"


def unmanaged_objects(model: Model) -> tuple[Unmanaged, ...]:
    """The objects of ``model`` that schema code cannot declare, by kind and name."""
    out: list[Unmanaged] = []
    if "views" in UNDECLARABLE:
        out += [Unmanaged("materialized view" if v.materialized else "view", v.key) for v in model.views]
    return tuple(out)


def unmanaged_in_database(conn: Any, schemas: Sequence[str]) -> tuple[Unmanaged, ...]:
    """Objects in the database (in ``schemas``) of kinds pgshift does not model yet, by kind and name
    (and event triggers running a function outside ``schemas``)."""
    from pgshift.sources.introspect import unmanaged_in_catalog

    return tuple(Unmanaged(kind, name) for kind, name in unmanaged_in_catalog(conn, schemas))


def without_unmanaged(model: Model) -> Model:
    """``model`` with only what schema code can declare (what push and pull's baseline compare)."""
    return dataclasses.replace(model, **{field: () for field in UNDECLARABLE})


def keep_unmanaged(target: Model, previous: Model) -> Model:
    """``target`` (from code) plus the undeclarable objects ``previous`` (a snapshot) holds, and its
    opt-in kinds the code declares none of, so a migration never drops what the code does not manage
    and the next snapshot still records it."""
    return dataclasses.replace(
        target,
        **{field: getattr(target, field) or getattr(previous, field) for field in UNDECLARABLE + OPT_IN},
    )


def set_aside_opt_in(actual: Model, declared: Model) -> tuple[Model, tuple[Unmanaged, ...]]:
    """``actual`` (a database) without the opt-in kinds ``declared`` (code, a snapshot) has none of,
    and those objects listed: what push and status leave alone rather than revoke."""
    aside = [f for f in OPT_IN if not getattr(declared, f) and getattr(actual, f)]
    listed = tuple(Unmanaged(_OPT_IN_NOUN[f], obj.key) for f in aside for obj in getattr(actual, f))
    return dataclasses.replace(actual, **{f: () for f in aside}), listed


def describe_unmanaged(items: tuple[Unmanaged, ...]) -> str:
    """``not managed (left as they are): 2 domains (email, year), 1 extension (hstore)`` — empty when none."""
    if not items:
        return ""
    by_kind: dict[str, list[str]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item.name.removeprefix("public."))
    parts = [
        f"{len(names)} {kind}{'s' if len(names) != 1 else ''} ({', '.join(sorted(names))})"
        for kind, names in by_kind.items()
    ]
    return "not managed (left as they are): " + ", ".join(parts)
