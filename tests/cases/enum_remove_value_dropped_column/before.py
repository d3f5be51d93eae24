from tests.cases._kit import *  # noqa: F403

model = model(users(col("role", "role", enum_schema="public", default="'guest'::role")), enums=[Enum("public", "role", ("admin", "guest", "user"))])
