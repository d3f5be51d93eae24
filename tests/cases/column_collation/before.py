"""Columns with a COLLATE of their own (SQLAlchemy's collation=, and DDL text for an array)."""

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text),
    Column("code", String(8, collation="C")),
    Column("sortkey", String(20, collation="POSIX")),
)
Index("people_name_idx", people.c.name)
