from tests.cases._kit import *  # noqa: F403

model = model(users(col("role", "role", enum_schema="public", nn=True, default="'user'::role"), col("roles", "role[]", enum_schema="public")), enums=[Enum("public", "role", ("admin", "guest", "user"))])
