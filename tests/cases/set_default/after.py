from tests.cases._kit import *  # noqa: F403

model = model(table("users", col("id", "serial", nn=True), col("email", "varchar(255)", nn=True), col("name", "text", default="'someone'"), pk=["id"]))
