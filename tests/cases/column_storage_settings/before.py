"""Columns with storage settings (SQLAlchemy has no construct: info["pgshift"])."""

from sqlalchemy import Column, Integer, LargeBinary, MetaData, Numeric, Table, Text

metadata = MetaData()

Table(
    "docs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text, info={"pgshift": {"storage": "external", "statistics": 500}}),
    Column("blob", LargeBinary, info={"pgshift": {"compression": "pglz"}}),
    Column("kind", Integer, info={"pgshift": {"options": {"n_distinct": 10}}}),
    Column("price", Numeric(10, 2), info={"pgshift": {"storage": "main"}}),  # numeric's own: no setting
)
