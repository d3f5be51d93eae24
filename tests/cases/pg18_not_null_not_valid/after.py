# PostgreSQL 18: NOT NULL ... NOT VALID on an existing column (no scan) and on a new table's column.
from tests.cases._kit import *  # noqa: F403

model = model(
    table("users", col("id", "serial", nn=True), col("email", "varchar(255)", nn=True),
          col("name", "text", nn=True, not_null_not_valid=True), pk=["id"]),
    table("notes", col("id", "integer", nn=True), col("body", "text", nn=True, not_null_not_valid=True,
                                                       not_null_name="body_present"), pk=["id"]),
)
