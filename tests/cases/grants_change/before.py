from pgshift.model.privileges import DefaultPrivilege, Grant
from tests.cases._kit import *  # noqa: F403

# Grants to PUBLIC and to a predefined role (pg_monitor exists in every cluster: no role to create).
model = build_model(
    tables=[users(), table('legacy', col('x', 'text'))],
    schemas=['app'],
    grants=[
        Grant('table', 'public', 'users', 'PUBLIC', ('SELECT',)),
        Grant('table', 'public', 'users', 'pg_monitor', ('INSERT', 'SELECT'), ('SELECT',)),
        Grant('table', 'public', 'legacy', 'pg_monitor', ('SELECT',)),
    ],
    default_privileges=[DefaultPrivilege(None, 'app', 'functions', 'pg_monitor', ('EXECUTE',))],
)
