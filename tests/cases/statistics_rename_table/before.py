# Statistics on a renamed table: dropped under the old name before the rename, created after it (the
# server would carry them along, but their definition names the table; the down file does the same).
from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    tables=[table("persons", col("id", "integer", nn=True), col("name", "text"), col("city", "text"))],
    statistics=[
        Statistics(
            "public", "persons_name_city", "public", "persons",
            "CREATE STATISTICS public.persons_name_city ON name, city FROM persons",
            target=50,
        ),
    ],
)
