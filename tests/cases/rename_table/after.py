from tests.cases._kit import *  # noqa: F403

model = model(table('persons', col('id', 'integer', nn=True), col('name', 'text')))
