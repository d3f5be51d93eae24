from tests.cases._kit import *  # noqa: F403

model = model(users(col('bio', 'text', comment="the user's own words"), comment='people who log in'))
