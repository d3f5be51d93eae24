from tests.cases._kit import *  # noqa: F403

model = model(users(), table("members", col("id", "integer", nn=True), col("role", "role", enum_schema="public", default="'guest'::role"), pk=["id"]), enums=[Enum("public", "role", ("admin", "guest", "user"))])
