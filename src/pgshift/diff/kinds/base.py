"""What every operation is: SQL, its reverse, its hazards, what it destroys; helpers all kinds share.

Each operation is a frozen dataclass carrying everything needed to write its SQL AND to undo it (a
dropped column keeps its whole definition), so the down migration is built from ``op.reverse()``
rather than by a second, separate differ. Each knows its hazard-catalogue action (pgshift.diff.hazards),
so ``generate`` can mark risky steps and the linter agrees with it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from pgshift.diff.hazards import Action, Hazard, HazardKind, hazards_of
from pgshift.model.types import qualified_name


class DestroyedKind(enum.Enum):
    """What kind of stored thing an operation deletes for good (its reverse restores the shape only)."""

    SCHEMA = "schema"
    TABLE = "table"
    COLUMN = "column"
    COLUMN_VALUES = "column values"  # the column stays, its values are replaced (it became generated)
    SEQUENCE = "sequence"  # its position
    TYPE = "type"
    ENUM_VALUE = "enum value"  # rows holding it make the op fail rather than lose data


@dataclass(frozen=True)
class Destroyed:
    """One thing an operation destroys: ``name`` is the schema, table, sequence, type or enum value;
    ``table`` and ``column`` locate a column (``name`` is then the column)."""

    kind: DestroyedKind
    schema: str
    name: str
    table: str | None = None

    @property
    def what(self) -> str:
        if self.kind is DestroyedKind.COLUMN:
            return f"column {self.table}.{self.name}"
        if self.kind is DestroyedKind.COLUMN_VALUES:
            return f"the values of column {self.table}.{self.name}"
        return f"{self.kind.value} {self.name}"


class Operation:
    """Interface shared by every operation (see module docstring)."""

    transactional: bool = True

    @property
    def action(self) -> Action:
        raise NotImplementedError

    @property
    def subject(self) -> str:
        raise NotImplementedError

    def sql(self) -> list[str]:
        raise NotImplementedError

    def reverse(self) -> Operation | None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def destroys(self) -> tuple[Destroyed, ...]:
        """What running this deletes for good; the one answer generate, push and rollback share."""
        return ()

    def hazards(self) -> tuple[Hazard, ...]:
        found = hazards_of(self.action, self.subject)
        if not self.transactional and not any(h.kind is HazardKind.NON_TRANSACTIONAL for h in found):
            found += (Hazard(HazardKind.NON_TRANSACTIONAL, f"{self.subject}: runs outside a transaction"),)
        return found


def ref(schema: str, table: str) -> str:
    return qualified_name(schema, table)


def path(schema: str, *names: str) -> str:
    return ".".join((schema, *names))


def alter(schema: str, table: str) -> str:
    return f"ALTER TABLE {ref(schema, table)}"


def destroyed_by(operations: Iterable[Operation]) -> list[Destroyed]:
    """Everything ``operations`` destroy, in order: what generate marks, push counts and rollback shows."""
    return [d for op in operations for d in op.destroys()]
