"""Enums in the snapshot (``enums``) and the catalog (``enums.sql``)."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind
from pgshift.sources.snapshot_fields import PUBLIC, pgshift_extra, with_extras


def snapshot_out(enum: m.Enum) -> dict[str, Any]:
    out = {"name": enum.name, "schema": enum.schema, "values": list(enum.values)}
    # Drizzle's enum entry has no comment key (and is strict: the file keeps it in pgshift.enumExtras)
    return with_extras(out, comment=enum.comment)


def snapshot_in(raw: dict[str, Any]) -> m.Enum:
    return m.Enum(
        schema=raw.get("schema") or PUBLIC,
        name=raw["name"],
        values=tuple(raw["values"]),
        comment=pgshift_extra(raw, "comment"),
    )


def from_catalog(r: dict[str, Any]) -> m.Enum:
    return m.Enum(schema=r["schema"], name=r["name"], values=tuple(r["values"]), comment=r["comment"] or None)


KIND = SourceKind("enum", "enums", "enums", snapshot_out, snapshot_in, "enums", from_catalog)
