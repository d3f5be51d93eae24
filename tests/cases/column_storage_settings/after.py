"""body's statistics go back to the default and its storage to text's own; blob's compression changes;
kind's n_distinct changes and n_distinct_inherited is added; a new column comes with its settings; a
new table with them too."""

from sqlalchemy import Column, Integer, LargeBinary, MetaData, Table, Text, Numeric

metadata = MetaData()

Table(
    "docs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text),
    Column("blob", LargeBinary, info={"pgshift": {"compression": "lz4"}}),
    Column("kind", Integer, info={"pgshift": {"options": {"n_distinct": -0.5, "n_distinct_inherited": 3}}}),
    Column("price", Numeric(10, 2), info={"pgshift": {"storage": "main"}}),
    Column("note", Text, info={"pgshift": {"storage": "main", "statistics": 0}}),
)
Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text, info={"pgshift": {"storage": "plain"}}),
)
