from tests.cases._kit import *  # noqa: F403

model = model(enums=[Enum("public", "role", ("admin", "user", "guest"))])
