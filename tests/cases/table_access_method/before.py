"""Two tables: events on heap (the default), logs USING heap2."""

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

Table("events", metadata, Column("id", Integer, primary_key=True), Column("body", Text))
Table("logs", metadata, Column("id", Integer, primary_key=True), postgresql_using="heap2")
