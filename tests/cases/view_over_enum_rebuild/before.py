from tests.cases._kit import *  # noqa: F403

model = model(users(col("role", "role", enum_schema="public")), enums=[Enum("public", "role", ("admin", "guest", "user"))],
              views=[View("public", "admins", "SELECT id FROM users WHERE role = 'admin'::role")])
