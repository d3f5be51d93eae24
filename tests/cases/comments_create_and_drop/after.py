from tests.cases._kit import *  # noqa: F403

model = model(users(), table('notes', col('body', 'text', comment='markdown'), comment='free text'))
