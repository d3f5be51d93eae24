from tests.cases._kit import *  # noqa: F403

# A plain column with a CHECK, an expression index and a partial index on it.
model = model(
    table(
        "boxes",
        col("id", "integer", nn=True),
        col("w", "integer", nn=True),
        col("h", "integer", nn=True),
        col("area", "integer"),
        pk=["id"],
        checks=[CheckConstraint("boxes_area_check", "area >= 0")],
        indexes=[
            index("boxes_area_abs_idx", IndexElement("abs(area)", is_expression=True)),
            index("boxes_big_idx", "id", where="area > 100"),
        ],
    ),
)
