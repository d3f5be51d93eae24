"""What pgshift manages, and what it lists as "not managed" instead of touching.

Every kind in pgshift's model can be declared in schema code now (tables through SQLAlchemy; functions,
procedures, aggregates, triggers, views, materialized views and rules through ``pgshift.objects`` or SQL
files; domains, composite and range types, collations and extensions as defined objects), so push and
generate manage them all: what the code does not declare is dropped. Kinds the model does not hold —
event triggers, foreign tables and servers, statistics objects, text search objects, operators and their
classes, casts, publications, subscriptions, languages, access methods — are read from the catalog
(``catalog/unmanaged.sql``) and listed by kind and name by pull, push and status, never dropped. ``UNDECLARABLE`` names model fields that code cannot declare (none today); a kind that
joins the model but not yet the declarations goes there, and push, generate and pull set it aside.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pgshift.model.schema import Model

# Model fields whose objects schema code cannot declare (one owner for this fact).
UNDECLARABLE: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unmanaged:
    kind: str  # "domain", "extension", "event trigger", ...
    name: str  # qualified name (extensions and event triggers: their name)

    def describe(self) -> str:
        return f"{self.kind} {self.name.removeprefix('public.')}"


def unmanaged_objects(model: Model) -> tuple[Unmanaged, ...]:
    """The objects of ``model`` that schema code cannot declare, by kind and name."""
    out: list[Unmanaged] = []
    if "views" in UNDECLARABLE:
        out += [Unmanaged("materialized view" if v.materialized else "view", v.key) for v in model.views]
    return tuple(out)


def unmanaged_in_database(conn: Any, schemas: Sequence[str]) -> tuple[Unmanaged, ...]:
    """Objects in the database (in ``schemas``) of kinds pgshift does not model yet, by kind and name."""
    from pgshift.sources.introspect import unmanaged_in_catalog

    return tuple(Unmanaged(kind, name) for kind, name in unmanaged_in_catalog(conn, schemas))


def without_unmanaged(model: Model) -> Model:
    """``model`` with only what schema code can declare (what push and pull's baseline compare)."""
    return dataclasses.replace(model, **{field: () for field in UNDECLARABLE})


def keep_unmanaged(target: Model, previous: Model) -> Model:
    """``target`` (from code) plus the undeclarable objects ``previous`` (a snapshot) holds, so a
    migration never drops what the code cannot mention and the next snapshot still records it."""
    return dataclasses.replace(
        target, **{field: getattr(target, field) or getattr(previous, field) for field in UNDECLARABLE}
    )


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
