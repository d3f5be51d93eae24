from tests.cases._kit import *  # noqa: F403

# The column whose default names the removed value goes too: the down migration adds it back before the
# value exists again, so it must come back without that default (the enum rebuild's reverse sets it).
model = model(users(), enums=[Enum("public", "role", ("admin", "user"))])
