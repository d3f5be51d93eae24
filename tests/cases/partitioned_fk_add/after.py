from tests.cases._kit import *  # noqa: F403

# A foreign key added to a partitioned table: validated at once (PostgreSQL before 18 refuses NOT VALID
# on a partitioned table, so the NOT VALID + VALIDATE form of plain tables would fail).
events = replace(
    table("events", col("id", "bigint", nn=True), col("user_id", "integer"), col("at", "date", nn=True),
          fks=[fk("events_user_id_fkey", ["user_id"], "users", ["id"])]),
    partition_by="RANGE (at)",
    partitions=(Partition("public", "events_2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),),
)
model = model(users(), events)
