"""The clustered index is dropped and the table clustered on a new one: SET WITHOUT CLUSTER comes
before the drop, CLUSTER ON after the create, so the down file can put the old mark back once the old
index exists again. A new table is created clustered on its primary key."""

from sqlalchemy import Column, Index, Integer, MetaData, Table

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Integer),
    Column("kind", Integer),
    info={"pgshift": {"cluster_on": "events_kind_idx"}},
)
Index("events_kind_idx", events.c.kind)
Table("log", metadata, Column("id", Integer, primary_key=True), info={"pgshift": {"cluster_on": "log_pkey"}})
