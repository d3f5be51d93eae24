from tests.cases._kit import *  # noqa: F403

model = model(
    users(checks=[CheckConstraint("users_name_check", "length(name) < 100")]),
    table("posts", col("id", "serial", nn=True), col("author_id", "integer"), pk=["id"],
          fks=[fk("posts_author_id_fkey", ["author_id"], "users", ["id"])]),
)
