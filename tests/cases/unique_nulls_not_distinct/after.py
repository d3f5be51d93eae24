from tests.cases._kit import *  # noqa: F403

model = model(users(uniques=[UniqueConstraint("users_email_name_key", ("email", "name"), nulls_not_distinct=True)]))
