from tests.cases._kit import *  # noqa: F403

model = model(table("a", col("id", "integer", nn=True), col("k", "integer", nn=True), pk=["id"]), table("b", col("a_id", "integer"), fks=[fk("b_a_id_fkey", ["a_id"], "a", ["id"])]))
