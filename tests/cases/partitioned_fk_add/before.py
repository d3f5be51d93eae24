from tests.cases._kit import *  # noqa: F403

events = replace(
    table("events", col("id", "bigint", nn=True), col("user_id", "integer"), col("at", "date", nn=True)),
    partition_by="RANGE (at)",
    partitions=(Partition("public", "events_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),),
)
model = model(users(), events)
