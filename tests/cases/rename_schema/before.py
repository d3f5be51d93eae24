from tests.cases._kit import *  # noqa: F403

model = model(table('t', col('x', 'text'), schema='old_space'), schemas=['old_space'])
