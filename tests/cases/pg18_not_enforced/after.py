# PostgreSQL 18: a foreign key switched off in place (ALTER CONSTRAINT ... NOT ENFORCED), a CHECK dropped
# and added NOT ENFORCED (its enforcement cannot be altered), a new CHECK added NOT ENFORCED (no VALIDATE).
from tests.cases._kit import *  # noqa: F403

model = model(
    users(checks=[CheckConstraint("users_name_check", "length(name) < 100", not_enforced=True),
                  CheckConstraint("users_email_check", "email <> ''", not_enforced=True)]),
    table("posts", col("id", "serial", nn=True), col("author_id", "integer"), pk=["id"],
          fks=[fk("posts_author_id_fkey", ["author_id"], "users", ["id"], not_enforced=True)]),
)
