from tests.cases._kit import *  # noqa: F403

model = model(users(), views=[View('public', 'user_count', 'SELECT count(*) AS n FROM users', materialized=True, with_no_data=True)])
