"""SQLAlchemy twin of tests/fixtures_drizzle/everything/schema.ts (the Drizzle schema drizzle-kit 0.31.11 wrote
the snapshot beside it from). Names Drizzle picks differently from Postgres (``.unique()`` on a column is
``<table>_<col>_unique``) are spelled out here, as Drizzle named them."""

from sqlalchemy import (
    ARRAY,
    CHAR,
    REAL,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Double,
    Enum,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    Interval,
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
from sqlalchemy.dialects.postgresql import INET, JSON, JSONB, TIMESTAMP, UUID

metadata = MetaData()
role = Enum("admin", "customer", "guest", name="role")
tier = Enum("free", "pro", name="tier", schema="crm")
Sequence("order_no_seq", metadata=metadata, start=1000, increment=5, minvalue=1, maxvalue=9999999, cache=10)

users = Table(
    "users",
    metadata,
    Column("id", Integer, Identity(always=True, start=10), primary_key=True),
    Column("email", String(255), nullable=False),
    Column("code", CHAR(3)),
    Column("name", Text, server_default="anon"),
    Column("role", role, nullable=False, server_default="customer"),
    Column("roles", ARRAY(role)),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("score", SmallInteger, server_default=text("7")),
    Column("big", BigInteger),
    Column("ratio", Double),
    Column("r4", REAL),
    Column("total", Numeric(10, 2), server_default=text("'0'")),
    Column("created_at", TIMESTAMP(timezone=True, precision=3), nullable=False, server_default=func.now()),
    Column("plain", DateTime),
    Column("born", Date),
    Column("wakes", Time(timezone=True)),
    Column("span", Interval),
    Column("key", UUID, server_default=func.gen_random_uuid()),
    Column("doc", JSON),
    Column("data", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("tags", ARRAY(Text)),
    Column("grid", ARRAY(Integer, dimensions=2)),
    Column("ip", INET),
    Column("age", Integer),
    UniqueConstraint("email", name="users_email_unique"),
    CheckConstraint("age >= 0", name="users_age_check"),
    info={
        "pgshift": {
            "rls": True,
            "policies": [
                {"name": "users_self", "command": "SELECT", "roles": ["public"], "using": "true"},
                {
                    "name": "users_own",
                    "permissive": False,
                    "command": "UPDATE",
                    "using": "id = current_setting('app.user_id')::integer",
                    "with_check": "active",
                },
            ],
        }
    },
)
Index("users_lower_email_idx", func.lower(users.c.email))
Index("users_created_idx", users.c.created_at.desc().nulls_last())
Index("users_tags_idx", users.c.tags, postgresql_using="gin")
Index("users_email_ops_idx", users.c.email, postgresql_ops={"email": "text_pattern_ops"})
Index("users_active_idx", users.c.score, postgresql_where=text("active"))

accounts = Table(
    "accounts",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("tier", tier, nullable=False, server_default="free"),
    Column("n", Integer, Identity(always=False)),
    ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE", onupdate="SET NULL"),
    schema="crm",
)

memberships = Table(
    "memberships",
    metadata,
    Column("user_id", Integer, nullable=False),
    Column("group_name", Text, nullable=False),
    Column("position", Integer),
    Column(
        "order_number",
        Integer,
        nullable=False,
        server_default=text("nextval('memberships_order_number_seq')"),
    ),
    PrimaryKeyConstraint("user_id", "group_name"),
    UniqueConstraint("group_name", "position"),
    ForeignKeyConstraint(["user_id"], ["users.id"]),
)
Index("memberships_position_idx", memberships.c.position, unique=True)
