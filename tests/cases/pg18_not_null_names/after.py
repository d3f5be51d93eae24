# PostgreSQL 18 names NOT NULL constraints: users.email's gets a name of its own (renamed in place),
# notes.body becomes NOT NULL under a given name (SET NOT NULL, then renamed), a new column is added
# with one. Before 18 the names are accepted and ignored, and the renames find nothing to rename.
from tests.cases._kit import *  # noqa: F403

model = model(
    table(
        "users", col("id", "serial", nn=True), col("email", "varchar(255)", nn=True, not_null_name="email_required"),
        col("name", "text"), pk=["id"]),
    table("notes", col("id", "integer", nn=True), col("body", "text", nn=True, not_null_name="body_required"),
          col("title", "text", nn=True, default="''", not_null_name="title_required"), pk=["id"]),
)
