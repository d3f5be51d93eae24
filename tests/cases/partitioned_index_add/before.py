from tests.cases._kit import *  # noqa: F403

# A partitioned table with two partitions and an index that goes.
events = replace(
    table("events", col("id", "bigint", nn=True), col("kind", "text"), col("at", "date", nn=True),
          indexes=[index("events_kind_idx", "kind")]),
    partition_by="RANGE (at)",
    partitions=(Partition("public", "events_2024", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"),
                Partition("public", "events_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")),
)
model = model(events)
