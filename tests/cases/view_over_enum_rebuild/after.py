from tests.cases._kit import *  # noqa: F403

# Rebuilding the enum converts users.role, which the view reads: the view goes and comes back around it.
model = model(users(col("role", "role", enum_schema="public")), enums=[Enum("public", "role", ("admin", "user"))],
              views=[View("public", "admins", "SELECT id FROM users WHERE role = 'admin'::role")])
