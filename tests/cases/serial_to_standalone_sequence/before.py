from tests.cases._kit import *  # noqa: F403

model = model(table("counters", col("id", "serial", nn=True), col("n", "integer"), pk=["id"]))
