from tests.cases._kit import *  # noqa: F403

# The generated column becomes plain: DROP EXPRESSION keeps its values (the down file drops it and
# adds it back generated, then re-creates the index, the partial index and the CHECK on it).
model = model(
    table(
        "boxes",
        col("id", "integer", nn=True),
        col("w", "integer", nn=True),
        col("h", "integer", nn=True),
        col("area", "integer"),
        pk=["id"],
        checks=[CheckConstraint("boxes_area_check", "area >= 0")],
        indexes=[index("boxes_area_idx", "area"), index("boxes_big_idx", "id", where="area > 100")],
    ),
    views=[View("public", "big_boxes", "SELECT id, area FROM boxes WHERE area > 100")],
)
