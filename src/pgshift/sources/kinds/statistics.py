"""Extended statistics objects in the sources: ``catalog/statistics.sql`` rows, and entries under the
snapshot's ``"pgshift"`` key (Drizzle has no section for them). Schema code declares them as
``objects.SQL("CREATE STATISTICS ...")``, read back through the scratch database like rules."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind


def statistics_out(s: m.Statistics) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": s.schema,
        "name": s.name,
        "tableSchema": s.table_schema,
        "table": s.table,
        "definition": s.definition,
    }
    if s.target is not None:
        out["target"] = s.target
    if s.comment is not None:
        out["comment"] = s.comment
    return out


def statistics_in(raw: dict[str, Any]) -> m.Statistics:
    target = raw.get("target")
    return m.Statistics(
        schema=raw["schema"],
        name=raw["name"],
        table_schema=raw["tableSchema"],
        table=raw["table"],
        definition=raw["definition"],
        target=None if target is None else int(target),
        comment=raw.get("comment"),
    )


def statistics_from_catalog(r: dict[str, Any]) -> m.Statistics:
    return m.Statistics(
        schema=r["schema"],
        name=r["name"],
        table_schema=r["table_schema"],
        table=r["table_name"],
        definition=r["definition"],
        target=r["target"],
        comment=r["comment"] or None,
    )


KIND: SourceKind[m.Statistics] = SourceKind(
    "statistics",
    "statistics",
    "statistics",
    statistics_out,
    statistics_in,
    "statistics",
    statistics_from_catalog,
    extension=True,
)
