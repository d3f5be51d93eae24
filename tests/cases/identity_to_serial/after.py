from tests.cases._kit import *  # noqa: F403

model = model(table("tickets", col("id", "bigserial", nn=True), col("title", "text"), pk=["id"]))
