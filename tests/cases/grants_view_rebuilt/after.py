from pgshift.model.privileges import Grant
from tests.cases._kit import *  # noqa: F403

# The view changes, so it is dropped and created again, which loses its ACL: the unchanged grant is
# revoked before the drop and granted again after the create (and the down file does the same).
model = build_model(
    tables=[users()],
    views=[View('public', 'emails', 'SELECT email FROM users')],
    grants=[Grant('table', 'public', 'emails', 'pg_monitor', ('SELECT',))],
)
