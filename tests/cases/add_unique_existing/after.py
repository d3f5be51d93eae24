from tests.cases._kit import *  # noqa: F403

model = model(users(uniques=[UniqueConstraint("users_email_key", ("email",))]))
