from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[users(col("town", "text"))],
    statistics=[
        Statistics(
            "public", "users_city_name", "public", "users",
            "CREATE STATISTICS public.users_city_name ON name, town FROM users", target=20,
        ),
    ],
)
