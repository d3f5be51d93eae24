from tests.cases._kit import *  # noqa: F403

model = model(users(indexes=[index("users_name_idx", "name", "email", unique=True)]))
