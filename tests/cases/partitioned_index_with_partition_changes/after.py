from tests.cases._kit import *  # noqa: F403

# One partition comes, one goes, and an index is added: it is built on every partition there is when it
# runs (the new one is created before it, the old one dropped after), so the parent's index is valid.
events = replace(
    table("events", col("id", "bigint", nn=True), col("at", "date", nn=True),
          indexes=[index("events_id_idx", "id")]),
    partition_by="RANGE (at)",
    partitions=(Partition("public", "events_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
                Partition("public", "events_2026", "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')")),
)
model = model(events)
