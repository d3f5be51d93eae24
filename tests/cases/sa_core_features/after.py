"""The same schema with: an enum value removed (type rebuilt), a widened varchar, a new CHECK and a
partial index on an existing table, an FK action change, a generated column and a column comment."""

from sqlalchemy import (
    CheckConstraint,
    Column,
    Computed,
    Enum,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

Table(
    "accounts",
    metadata,
    Column("id", Integer, Identity(always=True), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("status", Enum("active", "closed", name="account_status"), nullable=False, server_default="active"),
    Column("balance", Numeric(12, 2), nullable=False, server_default=text("0")),
    Column("balance_cents", Numeric(14, 0), Computed("balance * 100")),
    CheckConstraint("balance >= 0", name="accounts_balance_check"),
    Index("accounts_active_name_idx", "name", postgresql_where=text("status = 'active'")),
    comment="customer accounts",
)
Table(
    "entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("memo", Text, comment="free text"),
)
