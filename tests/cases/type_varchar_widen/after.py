from tests.cases._kit import *  # noqa: F403

model = model(table("users", col("id", "serial", nn=True), col("email", "varchar(320)", nn=True), col("name", "text"), pk=["id"]))
