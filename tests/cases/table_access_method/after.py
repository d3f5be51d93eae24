"""events moves to heap2 and logs back to heap (ALTER TABLE ... SET ACCESS METHOD: a rewrite under
ACCESS EXCLUSIVE), a new table is created USING heap2, and one says heap outright (the default: no
USING, no change)."""

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text),
    postgresql_using="heap2",
)
Table("logs", metadata, Column("id", Integer, primary_key=True), postgresql_using="heap")
Table(
    "archive",
    metadata,
    Column("id", Integer, primary_key=True),
    postgresql_using="heap2",
    postgresql_with={"fillfactor": 90},
)
