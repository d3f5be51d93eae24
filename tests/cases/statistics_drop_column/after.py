from tests.cases._kit import *  # noqa: F403

model = model(users(col("city", "text")))
