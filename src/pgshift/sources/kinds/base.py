"""The shape of a kind's entry in the sources (see pgshift.sources.kinds)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar


class Keyed(Protocol):
    """A top-level model object: found by ``key`` (``schema.name``), placed in ``schema``."""

    @property
    def key(self) -> str: ...

    @property
    def schema(self) -> str | None: ...


T = TypeVar("T", bound=Keyed)


@dataclass(frozen=True)
class SourceKind(Generic[T]):
    """One kind's place in the sources. ``collection`` is the Model field holding the objects (and
    ``build_model``'s keyword); ``section`` the snapshot key whose entries are keyed by ``schema.name``;
    ``query`` the catalog query's file name. An ``extension`` kind's section sits under the snapshot's
    ``"pgshift"`` key (Drizzle has none for it), written only when it holds something.
    ``read_catalog_rows``, when set, reads all of a query's rows at once (the same objects as
    ``read_catalog`` row by row, cheaper: views parse their definitions in one parser call)."""

    name: str
    collection: str
    section: str
    write_snapshot: Callable[[T], dict[str, Any]]
    read_snapshot: Callable[[dict[str, Any]], T]
    query: str
    read_catalog: Callable[[dict[str, Any]], T]
    extension: bool = False
    read_catalog_rows: Callable[[list[dict[str, Any]]], list[T]] | None = None

    def from_catalog(self, rows: list[dict[str, Any]]) -> list[T]:
        """The model objects of a catalog query's rows."""
        if self.read_catalog_rows is not None:
            return self.read_catalog_rows(rows)
        return [self.read_catalog(r) for r in rows]
