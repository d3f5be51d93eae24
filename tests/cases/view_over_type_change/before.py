from tests.cases._kit import *  # noqa: F403

# Postgres refuses ALTER COLUMN TYPE on a column a view reads: the view is dropped and re-created.
model = model(users(col("karma", "integer")), views=[View("public", "karma_board", "SELECT name, karma FROM users")])
