from tests.cases._kit import *  # noqa: F403

model = model(users(), table("posts", col("id", "serial", nn=True), col("author_id", "integer"), pk=["id"],
      fks=[fk("posts_author_id_fkey", ["author_id"], "users", ["id"])]))
