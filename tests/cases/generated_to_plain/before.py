from tests.cases._kit import *  # noqa: F403

# A stored generated column with an index, a CHECK and a view on it (issue 11, defect 6).
model = model(
    table(
        "boxes",
        col("id", "integer", nn=True),
        col("w", "integer", nn=True),
        col("h", "integer", nn=True),
        col("area", "integer", generated="w * h"),
        pk=["id"],
        checks=[CheckConstraint("boxes_area_check", "area >= 0")],
        indexes=[index("boxes_area_idx", "area"), index("boxes_big_idx", "id", where="area > 100")],
    ),
    views=[View("public", "big_boxes", "SELECT id, area FROM boxes WHERE area > 100")],
)
