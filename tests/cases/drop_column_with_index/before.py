from tests.cases._kit import *  # noqa: F403

model = model(users(col("nickname", "text"), indexes=[index("users_nickname_idx", "nickname")]))
