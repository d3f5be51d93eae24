from pgshift.model.privileges import Grant
from tests.cases._kit import *  # noqa: F403

# A renamed table keeps its ACL in PostgreSQL; the migration revokes under the old name before the
# rename and grants under the new one after it, so up and down are both exact.
model = build_model(
    tables=[replace(users(), name='accounts')],
    grants=[Grant('table', 'public', 'accounts', 'pg_monitor', ('SELECT',), (), 'email')],
)
