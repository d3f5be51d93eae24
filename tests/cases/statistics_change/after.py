from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["stats"],
    tables=[users(col("city", "text"), col("zip", "text"))],
    statistics=[
        Statistics(
            "public", "users_city_zip", "public", "users",
            "CREATE STATISTICS public.users_city_zip (ndistinct, dependencies) ON city, zip FROM users",
        ),
        Statistics(
            "public", "users_name_city", "public", "users",
            "CREATE STATISTICS public.users_name_city (ndistinct) ON name, city FROM users",
            target=0, comment="new",
        ),
        Statistics(
            "stats", "users_email_domain", "public", "users",
            "CREATE STATISTICS stats.users_email_domain ON city, lower(email::text) FROM users",
        ),
    ],
)
