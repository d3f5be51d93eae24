from tests.cases._kit import *  # noqa: F403

model = model(table("people", col("mood", "mood", enum_schema="app"), col("moods", "mood[]", enum_schema="app"), schema="app"), enums=[Enum("app", "mood", ("sad", "ok", "happy"))], schemas=["app"])
