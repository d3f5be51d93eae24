"""A Core schema exercising every construct the converter handles."""

import enum

from sqlalchemy import (
    ARRAY,
    CHAR,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Computed,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    Interval,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import CIDR, INET, JSON, JSONB, MACADDR, UUID


class Status(enum.Enum):
    draft = "draft"
    live = "live"


metadata = MetaData()
order_seq = Sequence("order_number_seq", metadata=metadata, start=1000, increment=5)

accounts = Table(
    "accounts",
    metadata,
    Column("id", BigInteger, Identity(always=True, start=10), primary_key=True),
    Column("handle", String(40), nullable=False, unique=True),
    Column("code", CHAR(3)),
    Column("small", SmallInteger, server_default="7"),
    Column("ratio", Float),
    Column("price", Numeric(10, 2), server_default=text("0")),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("born", Date),
    Column("wakes", Time(timezone=True)),
    Column("seen", DateTime(timezone=True), server_default=func.now()),
    Column("span", Interval),
    Column("key", UUID, server_default=text("gen_random_uuid()")),
    Column("doc", JSON),
    Column("data", JSONB, server_default=text("'{}'::jsonb")),
    Column("blob", LargeBinary),
    Column("ip", INET),
    Column("net", CIDR),
    Column("mac", MACADDR),
    Column("tags", ARRAY(Text)),
    Column("grid", ARRAY(Integer, dimensions=2)),
    Column("status", Enum(Status, name="status"), server_default="draft"),
    Column("handle_lower", Text, Computed("lower(handle)", persisted=True)),
    Column("age", Integer, CheckConstraint("age >= 0")),
    comment="people and bots",
)

memberships = Table(
    "memberships",
    metadata,
    Column("account_id", BigInteger, nullable=False),
    Column("group_name", Text, nullable=False, comment="free text"),
    Column("position", Integer),
    PrimaryKeyConstraint("account_id", "group_name", name="memberships_pk"),
    ForeignKeyConstraint(
        ["account_id"],
        ["accounts.id"],
        ondelete="CASCADE",
        onupdate="SET NULL",
        deferrable=True,
        initially="DEFERRED",
    ),
    UniqueConstraint("group_name", "position", postgresql_nulls_not_distinct=True),
    Index("memberships_lower_idx", func.lower(text("group_name")).desc(), postgresql_using="btree"),
    Index(
        "memberships_partial_idx",
        "position",
        postgresql_where=text("position > 0"),
        postgresql_include=["group_name"],
        postgresql_with={"fillfactor": 70},
    ),
    schema="crm",
)

Index("accounts_tags_idx", accounts.c.tags, postgresql_using="gin")
Index("accounts_handle_ops_idx", accounts.c.handle, postgresql_ops={"handle": "text_pattern_ops"})
Index(None, accounts.c.born.desc().nulls_last())

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", BigInteger, order_seq, server_default=order_seq.next_value()),
    Column("account_id", BigInteger, ForeignKey("accounts.id")),
)
