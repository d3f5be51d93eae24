from pgshift.model.privileges import Grant
from tests.cases._kit import *  # noqa: F403

model = build_model(
    enums=[Enum('public', 'mood', ('ok', 'meh', 'sad'))],
    grants=[Grant('type', 'public', 'mood', 'pg_monitor', ('USAGE',))],
)
