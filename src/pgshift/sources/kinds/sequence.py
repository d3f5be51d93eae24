"""Sequences in the snapshot (``sequences``) and the catalog (``sequences.sql``)."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m
from pgshift.model.types import normalize_type
from pgshift.sources.kinds.base import SourceKind
from pgshift.sources.snapshot_fields import (
    PUBLIC,
    pgshift_extra,
    sequence_options_from_catalog,
    sequence_options_in,
    sequence_options_out,
    with_extras,
)


def snapshot_out(seq: m.Sequence) -> dict[str, Any]:
    out = {"name": seq.name, "schema": seq.schema, **sequence_options_out(seq.options, seq.data_type)}
    # Drizzle's sequence entry is strict: the file keeps these in pgshift.sequenceExtras (sources.snapshot)
    return with_extras(out, dataType=seq.data_type, comment=seq.comment)


def snapshot_in(raw: dict[str, Any]) -> m.Sequence:
    return m.Sequence(
        schema=raw.get("schema") or PUBLIC,
        name=raw["name"],
        options=sequence_options_in(raw),
        data_type=pgshift_extra(raw, "dataType"),
        comment=pgshift_extra(raw, "comment"),
    )


def from_catalog(r: dict[str, Any]) -> m.Sequence:
    data_type = normalize_type(r["data_type"])
    return m.Sequence(
        schema=r["schema"],
        name=r["name"],
        options=sequence_options_from_catalog(r),
        data_type=None if data_type == "bigint" else data_type,
        comment=r["comment"] or None,
    )


KIND = SourceKind("sequence", "sequences", "sequences", snapshot_out, snapshot_in, "sequences", from_catalog)
