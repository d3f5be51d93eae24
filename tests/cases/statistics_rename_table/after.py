from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[table("people", col("id", "integer", nn=True), col("name", "text"), col("city", "text"))],
    statistics=[
        Statistics(
            "public", "persons_name_city", "public", "people",
            "CREATE STATISTICS public.persons_name_city ON name, city FROM people",
            target=50,
        ),
    ],
)
