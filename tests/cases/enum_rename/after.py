from tests.cases._kit import *  # noqa: F403

model = model(users(col("role", "user_role", enum_schema="public")), enums=[Enum("public", "user_role", ("admin", "user"))])
