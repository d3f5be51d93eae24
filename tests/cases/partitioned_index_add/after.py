from tests.cases._kit import *  # noqa: F403

# Added on ONLY the parent, built CONCURRENTLY per partition, attached; the dropped one goes without
# CONCURRENTLY (PostgreSQL has none for a partitioned index).
events = replace(
    table("events", col("id", "bigint", nn=True), col("kind", "text"), col("at", "date", nn=True),
          indexes=[index("events_at_id_idx", "at", "id"),
                   index("events_lower_kind_idx", IndexElement("lower(kind)", is_expression=True))]),
    partition_by="RANGE (at)",
    partitions=(Partition("public", "events_2024", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"),
                Partition("public", "events_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")),
)
model = model(events)
