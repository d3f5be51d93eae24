"""A table with a text column, no indexes yet (issue 11, defect 4)."""

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

Table("notes", metadata, Column("id", Integer, primary_key=True, autoincrement=False), Column("v", Text))
