from tests.cases._kit import *  # noqa: F403

model = model(table("counters", col("id", "integer", nn=True), col("n", "integer"), pk=["id"]))
