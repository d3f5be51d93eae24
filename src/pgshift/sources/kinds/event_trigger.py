"""Event triggers in the snapshot (under ``"pgshift"``: Drizzle has no key for them) and the catalog
(``event_triggers.sql``). Keyed by name: an event trigger is database-wide, not in a schema."""

from __future__ import annotations

from typing import Any, cast

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind

_ENABLED = ("O", "D", "R", "A")


def _enabled(value: Any) -> m.TriggerEnabled:
    text = str(value or "O")
    if text not in _ENABLED:
        raise ValueError(f"unknown event trigger state {value!r}")  # reported as a malformed snapshot
    return cast(m.TriggerEnabled, text)


def snapshot_out(e: m.EventTrigger) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": e.name,
        "event": e.event,
        "functionSchema": e.function_schema,
        "functionName": e.function_name,
    }
    if e.tags:
        out["tags"] = list(e.tags)
    if e.enabled != "O":
        out["enabled"] = e.enabled
    if e.comment is not None:
        out["comment"] = e.comment
    return out


def snapshot_in(raw: dict[str, Any]) -> m.EventTrigger:
    return m.EventTrigger(
        name=raw["name"],
        event=raw["event"],
        function_schema=raw["functionSchema"],
        function_name=raw["functionName"],
        tags=tuple(str(t) for t in raw.get("tags") or ()),
        enabled=_enabled(raw.get("enabled")),
        comment=raw.get("comment"),
    )


def from_catalog(r: dict[str, Any]) -> m.EventTrigger:
    return m.EventTrigger(
        name=r["name"],
        event=r["event"],
        function_schema=r["function_schema"],
        function_name=r["function_name"],
        tags=tuple(r["tags"] or ()),
        enabled=_enabled(r["enabled"]),
        comment=r["comment"] or None,
    )


KIND = SourceKind(
    "event trigger",
    "event_triggers",
    "eventTriggers",
    snapshot_out,
    snapshot_in,
    "event_triggers",
    from_catalog,
    extension=True,
)
