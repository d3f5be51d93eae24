from tests.cases._kit import *  # noqa: F403

model = model(users(), views=[View('public', 'user_emails', 'SELECT id, email FROM users')])
