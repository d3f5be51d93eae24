"""What pgshift manages: objects of kinds the schema code can declare. The rest is "not managed".

The live catalog (and a Drizzle snapshot) can hold objects the SQLAlchemy schema code cannot express
yet — views and materialized views today. Comparing them with code that cannot mention them would plan
their DROP, so push, generate, pull and status set them aside here and list them by kind and name
instead. When a kind becomes declarable, it leaves ``UNDECLARABLE`` and this module shrinks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pgshift.model.schema import Model

# Model fields whose objects schema code cannot declare (one owner for this fact).
UNDECLARABLE: tuple[str, ...] = ("views",)


@dataclass(frozen=True)
class Unmanaged:
    kind: str  # "view", "materialized view"
    name: str  # qualified name

    def describe(self) -> str:
        return f"{self.kind} {self.name.removeprefix('public.')}"


def unmanaged_objects(model: Model) -> tuple[Unmanaged, ...]:
    """The objects of ``model`` that schema code cannot declare, by kind and name."""
    return tuple(Unmanaged("materialized view" if v.materialized else "view", v.key) for v in model.views)


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
    """``not managed (left as they are): view v, materialized view mv`` — empty when none."""
    if not items:
        return ""
    return "not managed (left as they are): " + ", ".join(i.describe() for i in items)
