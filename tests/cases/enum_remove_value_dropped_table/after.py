from tests.cases._kit import *  # noqa: F403

# The table whose column default names the removed value is dropped: recreated by the down migration
# before the value exists again, it must come back without that default.
model = model(users(), enums=[Enum("public", "role", ("admin", "user"))])
