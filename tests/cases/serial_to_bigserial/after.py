from tests.cases._kit import *  # noqa: F403

model = model(table("counters", col("id", "bigserial", nn=True), pk=["id"]))
