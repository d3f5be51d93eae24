"""Casts in the snapshot (under ``"pgshift"``: Drizzle has no key for them) and the catalog
(``casts.sql``). Keyed by ``(source AS target)``: a cast is database-wide, not in a schema."""

from __future__ import annotations

from typing import Any, cast

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind


def _one_of(value: Any, allowed: str, default: str, what: str) -> str:
    text = str(value or default)
    if len(text) != 1 or text not in allowed:
        raise ValueError(f"unknown cast {what} {value!r}")  # reported as a malformed snapshot
    return text


def snapshot_out(c: m.Cast) -> dict[str, Any]:
    out: dict[str, Any] = {"source": c.source, "target": c.target, "schema": c.schema}
    if c.method != "f":
        out["method"] = c.method
    if c.function is not None:
        out["function"] = c.function
    if c.context != "e":
        out["context"] = c.context
    if c.comment is not None:
        out["comment"] = c.comment
    return out


def snapshot_in(raw: dict[str, Any]) -> m.Cast:
    return m.Cast(
        source=raw["source"],
        target=raw["target"],
        schema=raw["schema"],
        method=cast(m.CastMethod, _one_of(raw.get("method"), "fbi", "f", "method")),
        function=raw.get("function"),
        context=cast(m.CastContext, _one_of(raw.get("context"), "eai", "e", "context")),
        comment=raw.get("comment"),
    )


def from_catalog(r: dict[str, Any]) -> m.Cast:
    return m.Cast(
        source=r["source"],
        target=r["target"],
        schema=r["schema"],
        method=cast(m.CastMethod, _one_of(r["method"], "fbi", "f", "method")),
        function=r["function"],
        context=cast(m.CastContext, _one_of(r["context"], "eai", "e", "context")),
        comment=r["comment"] or None,
    )


KIND = SourceKind("cast", "casts", "casts", snapshot_out, snapshot_in, "casts", from_catalog, extension=True)
