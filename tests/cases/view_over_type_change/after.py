from tests.cases._kit import *  # noqa: F403

model = model(users(col("karma", "bigint")), views=[View("public", "karma_board", "SELECT name, karma FROM users")])
