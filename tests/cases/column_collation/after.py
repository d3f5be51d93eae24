"""The collations change in place (no rewrite; the column's indexes are rebuilt); a type change keeps
the new collation."""

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text(collation="C")),
    Column("code", String(8)),
    Column("sortkey", Text(collation="POSIX")),
    Column("nick", String(10, collation="C")),
)
Index("people_name_idx", people.c.name)
