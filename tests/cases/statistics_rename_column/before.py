# A column covered by statistics is renamed: the definition names it, so the statistics are dropped
# and created with the new name (up and down).
from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[users(col("city", "text"))],
    statistics=[
        Statistics(
            "public", "users_city_name", "public", "users",
            "CREATE STATISTICS public.users_city_name ON name, city FROM users", target=20,
        ),
    ],
)
