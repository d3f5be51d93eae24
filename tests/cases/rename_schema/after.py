from tests.cases._kit import *  # noqa: F403

model = model(table('t', col('x', 'text'), schema='new_space'), schemas=['new_space'])
