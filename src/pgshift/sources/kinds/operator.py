"""Operators in the snapshot (under ``"pgshift"``: Drizzle has no key for them) and the catalog
(``operators.sql``). Keyed by ``schema.name(left, right)``: operators overload on their operand types."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind

_OPTIONAL = ("commutator", "negator", "restrict", "join")


def snapshot_out(o: m.Operator) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": o.schema, "name": o.name, "left": o.left, "right": o.right}
    out["function"] = o.function
    out.update({k: getattr(o, k) for k in _OPTIONAL if getattr(o, k) is not None})
    if o.hashes:
        out["hashes"] = True
    if o.merges:
        out["merges"] = True
    if o.comment is not None:
        out["comment"] = o.comment
    return out


def snapshot_in(raw: dict[str, Any]) -> m.Operator:
    return m.Operator(
        schema=raw["schema"],
        name=raw["name"],
        left=raw.get("left"),
        right=raw["right"],
        function=raw["function"],
        **{k: raw.get(k) for k in _OPTIONAL},
        hashes=bool(raw.get("hashes", False)),
        merges=bool(raw.get("merges", False)),
        comment=raw.get("comment"),
    )


def from_catalog(r: dict[str, Any]) -> m.Operator:
    return m.Operator(
        schema=r["schema"],
        name=r["name"],
        left=r["left"],
        right=r["right"],
        function=r["function"],
        **{k: r[k] for k in _OPTIONAL},
        hashes=bool(r["hashes"]),
        merges=bool(r["merges"]),
        comment=r["comment"] or None,
    )


KIND = SourceKind(
    "operator", "operators", "operators", snapshot_out, snapshot_in, "operators", from_catalog, extension=True
)
