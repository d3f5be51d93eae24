# A column covered by extended statistics is dropped (PostgreSQL drops the statistics object with it):
# the up file drops the statistics first, the down file creates them again once the column is back.
from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[users(col("city", "text"), col("zip", "text"))],
    statistics=[
        Statistics(
            "public", "users_city_zip", "public", "users",
            "CREATE STATISTICS public.users_city_zip (dependencies) ON city, zip FROM users",
            target=250, comment="city decides zip",
        ),
        Statistics(
            "public", "users_name_zip", "public", "users",
            "CREATE STATISTICS public.users_name_zip ON name, zip FROM users",
        ),
    ],
)
