from tests.cases._kit import *  # noqa: F403

model = model(table('keep', col('x', 'text')))
