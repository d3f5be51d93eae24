"""A table with storage parameters (SQLAlchemy 2.1's ``postgresql_with``)."""

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text),
    postgresql_with={"fillfactor": 70, "autovacuum_enabled": False},
)
