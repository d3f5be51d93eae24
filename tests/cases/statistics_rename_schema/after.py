from pgshift.model.schema import Statistics
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["sales", "stats"],
    tables=[table("orders", col("city", "text"), col("zip", "text"), schema="sales")],
    statistics=[
        Statistics(
            "stats", "orders_city_zip", "sales", "orders",
            "CREATE STATISTICS stats.orders_city_zip ON city, zip FROM sales.orders",
            comment="kept",
        ),
    ],
)
