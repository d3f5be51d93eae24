from pgshift.model.privileges import Grant
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[users()],
    views=[View('public', 'emails', 'SELECT id, email FROM users')],
    grants=[Grant('table', 'public', 'emails', 'pg_monitor', ('SELECT',))],
)
