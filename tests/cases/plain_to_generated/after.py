from tests.cases._kit import *  # noqa: F403

# The column becomes generated: dropped and added back (values recomputed), and everything on it
# (the CHECK, the expression and partial indexes) is re-created; the down file uses DROP EXPRESSION.
model = model(
    table(
        "boxes",
        col("id", "integer", nn=True),
        col("w", "integer", nn=True),
        col("h", "integer", nn=True),
        col("area", "integer", generated="w * h"),
        pk=["id"],
        checks=[CheckConstraint("boxes_area_check", "area >= 0")],
        indexes=[
            index("boxes_area_abs_idx", IndexElement("abs(area)", is_expression=True)),
            index("boxes_big_idx", "id", where="area > 100"),
        ],
    ),
)
