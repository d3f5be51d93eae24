from pgshift.model.privileges import Grant
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[users()],
    grants=[Grant('table', 'public', 'users', 'pg_monitor', ('SELECT',), (), 'email')],
)
