"""Publications in the snapshot (under ``"pgshift"``: Drizzle has no key for them) and the catalog
(``publications.sql``). Keyed by name: a publication is database-wide, not in a schema. Schema code
declares them with ``objects.Publication``, read back through the scratch database like event triggers,
so a row filter is compared in the server's own spelling."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind


def _table_out(t: m.PublicationTable) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": t.schema, "table": t.table}
    if t.columns:
        out["columns"] = list(t.columns)
    if t.where is not None:
        out["where"] = t.where
    return out


def _table_in(raw: dict[str, Any]) -> m.PublicationTable:
    return m.PublicationTable(
        schema=str(raw["schema"]),
        table=str(raw["table"]),
        columns=tuple(str(c) for c in raw.get("columns") or ()),
        where=raw.get("where"),
    )


def snapshot_out(p: m.Publication) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name}
    if p.all_tables:
        out["allTables"] = True
    if p.tables:
        out["tables"] = [_table_out(t) for t in p.tables]
    if p.schemas:
        out["schemas"] = list(p.schemas)
    if p.publish != m.PUBLISH_ALL:
        out["publish"] = list(p.publish)
    if p.via_root:
        out["viaRoot"] = True
    if p.generated_columns:
        out["generatedColumns"] = True
    if p.comment is not None:
        out["comment"] = p.comment
    return out


def snapshot_in(raw: dict[str, Any]) -> m.Publication:
    publish = raw.get("publish")
    unknown = set(publish or ()) - set(m.PUBLISH_ALL)
    if unknown:
        raise ValueError(f"unknown publication operations {sorted(unknown)}")  # a malformed snapshot
    return m.canonical_publication(
        m.Publication(
            name=raw["name"],
            all_tables=bool(raw.get("allTables")),
            tables=tuple(_table_in(t) for t in raw.get("tables") or ()),
            schemas=tuple(str(s) for s in raw.get("schemas") or ()),
            publish=m.PUBLISH_ALL if publish is None else tuple(str(op) for op in publish),
            via_root=bool(raw.get("viaRoot")),
            comment=raw.get("comment"),
            generated_columns=bool(raw.get("generatedColumns")),
        )
    )


def from_catalog(r: dict[str, Any]) -> m.Publication:
    flags = (r["publish_insert"], r["publish_update"], r["publish_delete"], r["publish_truncate"])
    return m.canonical_publication(
        m.Publication(
            name=r["name"],
            all_tables=r["all_tables"],
            tables=tuple(_table_in(t) for t in r["tables"] or ()),
            schemas=tuple(r["schemas"] or ()),
            publish=tuple(op for op, on in zip(m.PUBLISH_ALL, flags, strict=True) if on),
            via_root=r["via_root"],
            comment=r["comment"] or None,
            generated_columns=r["generated_columns"],
        )
    )


KIND: SourceKind[m.Publication] = SourceKind(
    "publication",
    "publications",
    "publications",
    snapshot_out,
    snapshot_in,
    "publications",
    from_catalog,
    extension=True,
)
