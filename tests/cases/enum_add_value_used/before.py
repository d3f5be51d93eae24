from tests.cases._kit import *  # noqa: F403

model = model(users(), enums=[Enum("public", "role", ("admin", "user"))])
