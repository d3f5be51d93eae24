from tests.cases._kit import *  # noqa: F403

model = model(table("things", col("id", "integer", nn=True), pk=["id"], pk_name="things_primary"))
