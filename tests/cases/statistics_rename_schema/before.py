# Statistics in a renamed schema, on a table in another renamed schema: dropped under the old names
# before the renames and created after (their text names both schemas), up and down.
from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["data", "st"],
    tables=[table("orders", col("city", "text"), col("zip", "text"), schema="data")],
    statistics=[
        Statistics(
            "st", "orders_city_zip", "data", "orders",
            "CREATE STATISTICS st.orders_city_zip ON city, zip FROM data.orders",
            comment="kept",
        ),
    ],
)
