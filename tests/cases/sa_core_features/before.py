"""SQLAlchemy Core: the starting point for a set of feature changes."""

from sqlalchemy import Column, Enum, ForeignKey, Identity, Integer, MetaData, Numeric, String, Table, Text, text

metadata = MetaData()

Table(
    "accounts",
    metadata,
    Column("id", Integer, Identity(always=True), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("status", Enum("active", "suspended", "closed", name="account_status"), nullable=False,
           server_default="active"),
    Column("balance", Numeric(12, 2), nullable=False, server_default=text("0")),
    comment="customer accounts",
)
Table(
    "entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("memo", Text),
)
