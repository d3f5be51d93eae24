from tests.cases._kit import *  # noqa: F403

model = model(
    users(col("mood", "mood", enum_schema="public")),
    enums=[Enum("public", "mood", ("sad", "meh", "ok"), comment="how it went")],
)
