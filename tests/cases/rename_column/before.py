from tests.cases._kit import *  # noqa: F403

model = model(users(col('bio', 'text'), indexes=[index('users_bio_idx', 'bio')]))
