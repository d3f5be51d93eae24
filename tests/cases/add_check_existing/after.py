from tests.cases._kit import *  # noqa: F403

model = model(users(checks=[CheckConstraint("users_name_check", "length(name) < 100")]))
