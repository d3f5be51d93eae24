from tests.cases._kit import *  # noqa: F403

# The new value is used by a later statement of the same migration: only works if ADD VALUE commits
# first, which is why AddEnumValues is non-transactional.
model = model(users(col("role", "role", enum_schema="public", nn=True, default="'guest'::role")),
              enums=[Enum("public", "role", ("admin", "user", "guest"))])
