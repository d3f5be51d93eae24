"""The same schema as schema.ts, in SQLAlchemy Core."""

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(255), nullable=False, unique=True),
    Column("name", Text),
    Column("role", Enum("admin", "customer", name="role"), nullable=False, server_default="customer"),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("total", Numeric(10, 2), nullable=False, server_default=text("'0'")),
    Column("items", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("note", Text),
    Index("orders_user_id_idx", "user_id"),
    Index("orders_note_idx", "note", unique=True),
)
