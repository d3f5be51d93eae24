from tests.cases._kit import *  # noqa: F403

# The column leaves the enum for text while the value its default names is removed.
model = model(users(col("role", "text", default="'member'")), enums=[Enum("public", "role", ("admin", "user"))])
