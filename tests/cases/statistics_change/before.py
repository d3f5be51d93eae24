# Extended statistics objects: a target and a comment changed in place, a definition changed (drop and
# create), one dropped with its table, one created (with an expression, in another schema).
from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["stats"],
    tables=[
        users(col("city", "text"), col("zip", "text")),
        table("visits", col("id", "integer", nn=True), col("day", "date"), col("page", "text")),
    ],
    statistics=[
        Statistics(
            "public", "users_city_zip", "public", "users",
            "CREATE STATISTICS public.users_city_zip (dependencies) ON city, zip FROM users",
        ),
        Statistics(
            "public", "users_name_city", "public", "users",
            "CREATE STATISTICS public.users_name_city (ndistinct) ON name, city FROM users",
            target=100, comment="old",
        ),
        Statistics(
            "public", "visits_day_page", "public", "visits",
            "CREATE STATISTICS public.visits_day_page ON day, page FROM visits",
        ),
    ],
)
