"""Views and materialized views in the snapshot (``views``) and the catalog (``views.sql``)."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m
from pgshift.model.types import normalize_view_definition, normalize_view_definitions
from pgshift.sources.kinds.base import SourceKind
from pgshift.sources.snapshot_fields import PUBLIC


def snapshot_out(view: m.View) -> dict[str, Any]:
    # drizzle-kit's key order; its "with"/"withNoData" keys are absent unless set. drizzle-kit rejects
    # unknown keys here: indexes and comments go under the snapshot's "pgshift" key (pgshift.sources.snapshot).
    out: dict[str, Any] = {
        "columns": {},
        "definition": view.definition,
        "name": view.name,
        "schema": view.schema,
        "isExisting": False,
    }
    if view.with_:
        out["with"] = dict(view.with_)
    if view.with_no_data:
        out["withNoData"] = True
    out["materialized"] = view.materialized
    return out


def snapshot_in(raw: dict[str, Any]) -> m.View:
    return m.View(
        schema=raw.get("schema") or PUBLIC,
        name=raw["name"],
        definition=normalize_view_definition(raw.get("definition") or ""),
        materialized=bool(raw.get("materialized")),
        with_=tuple(sorted((str(k), str(v)) for k, v in (raw.get("with") or {}).items())),
        with_no_data=bool(raw.get("withNoData")),
    )


def from_catalog(r: dict[str, Any], definition: str | None = None) -> m.View:
    """``definition``: the row's definition already normalised (``from_catalog_rows``)."""
    if definition is None:
        definition = normalize_view_definition(r["definition"])
    return m.View(
        schema=r["schema"],
        name=r["name"],
        definition=definition,
        materialized=bool(r["materialized"]),
        with_=tuple(sorted(tuple(o.split("=", 1)) for o in (r["options"] or ()))),
        with_no_data=r["materialized"] and not r["populated"],
        comment=r["comment"] or None,
        column_comments=tuple((str(c), str(t)) for c, t in (r["column_comments"] or ())),
        column_defaults=tuple((str(c), str(e)) for c, e in (r["column_defaults"] or ())),
        clustered_on=r["clustered_on"],
    )


def from_catalog_rows(rows: list[dict[str, Any]]) -> list[m.View]:
    definitions = normalize_view_definitions([r["definition"] for r in rows])
    return [from_catalog(r, d) for r, d in zip(rows, definitions, strict=True)]


KIND = SourceKind(
    "view",
    "views",
    "views",
    snapshot_out,
    snapshot_in,
    "views",
    from_catalog,
    read_catalog_rows=from_catalog_rows,
)
