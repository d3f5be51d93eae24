from tests.cases._kit import *  # noqa: F403

model = model(table("a", col("id", "integer", nn=True), col("k", "integer", nn=True), pk=["id", "k"], pk_name="a_pkey", uniques=[UniqueConstraint("a_id_key", ("id",))]), table("b", col("a_id", "integer"), fks=[fk("b_a_id_fkey", ["a_id"], "a", ["id"])]))
