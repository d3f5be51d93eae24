from tests.cases._kit import *  # noqa: F403

model = model(table("memberships", col("user_id", "integer", nn=True), col("group_id", "integer", nn=True), col("role", "text"), pk=["user_id", "group_id"], pk_name="memberships_pkey"))
