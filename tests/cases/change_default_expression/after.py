from tests.cases._kit import *  # noqa: F403

model = model(users(col("seen", "timestamp", default="'2020-01-01 00:00:00'::timestamp without time zone")))
