from tests.cases._kit import *  # noqa: F403

model = model(users(col("nickname", "varchar(40)", nn=True, default="'anon'")))
