from pgshift.model.privileges import Grant
from tests.cases._kit import *  # noqa: F403

# Removing a value rebuilds the type, which loses its ACL: the grant is revoked before and given again after.
model = build_model(
    enums=[Enum('public', 'mood', ('ok', 'sad'))],
    grants=[Grant('type', 'public', 'mood', 'pg_monitor', ('USAGE',))],
)
