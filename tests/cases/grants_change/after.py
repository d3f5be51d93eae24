from pgshift.model.privileges import DefaultPrivilege, Grant
from tests.cases._kit import *  # noqa: F403

# INSERT revoked (SELECT keeps its grant option), a column privilege, a schema, a sequence and a type
# granted, the dropped table's grant revoked before the DROP, default privileges changed.
model = build_model(
    tables=[users()],
    schemas=['app'],
    sequences=[Sequence('app', 'ticket')],
    enums=[Enum('app', 'mood', ('ok', 'sad'))],
    grants=[
        Grant('table', 'public', 'users', 'PUBLIC', ('SELECT',)),
        Grant('table', 'public', 'users', 'pg_monitor', ('SELECT',), ('SELECT',)),
        Grant('table', 'public', 'users', 'pg_monitor', ('UPDATE',), (), 'email'),
        Grant('schema', 'app', 'app', 'pg_monitor', ('USAGE',)),
        Grant('sequence', 'app', 'ticket', 'pg_monitor', ('USAGE',), ('USAGE',)),
        Grant('sequence', 'app', 'ticket', 'PUBLIC', ('SELECT',)),
        Grant('type', 'app', 'mood', 'pg_monitor', ('USAGE',)),
    ],
    default_privileges=[
        DefaultPrivilege(None, 'app', 'tables', 'pg_monitor', ('SELECT',)),
        DefaultPrivilege(None, None, 'sequences', 'pg_monitor', ('USAGE',), ('USAGE',)),
    ],
)
