"""A table clustered on one index (SQLAlchemy has no construct: info["pgshift"]["cluster_on"])."""

from sqlalchemy import Column, Index, Integer, MetaData, Table

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Integer),
    Column("kind", Integer),
    info={"pgshift": {"cluster_on": "events_at_idx"}},
)
Index("events_at_idx", events.c.at)
