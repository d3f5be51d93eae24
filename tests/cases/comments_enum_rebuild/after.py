# Removing a value rebuilds the type: the new type gets the (changed) comment, the down file the old one.
from tests.cases._kit import *  # noqa: F403

model = model(
    users(col("mood", "mood", enum_schema="public")),
    enums=[Enum("public", "mood", ("sad", "ok"), comment="how it went, simpler")],
)
