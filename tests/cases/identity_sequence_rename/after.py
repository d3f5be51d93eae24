from tests.cases._kit import *  # noqa: F403

# A new sequence name is a rename (the counter keeps its position), plus the kind change.
model = model(table("a", col("id", "bigint", nn=True, identity=Identity("byDefault", "a_ids")), pk=["id"]))
