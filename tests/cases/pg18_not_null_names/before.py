from tests.cases._kit import *  # noqa: F403

model = model(users(), table("notes", col("id", "integer", nn=True), col("body", "text"), pk=["id"]))
