"""The blog schema one change later (the quickstart generates the migration from models.py to this).

Changes: users get a nullable bio; posts get a unique slug and a view counter with a default.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Identity, Index, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Role(enum.Enum):
    admin = "admin"
    author = "author"
    reader = "reader"


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("email <> ''", name="users_email_not_empty"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    email: Mapped[str] = mapped_column(Text, unique=True)
    display_name: Mapped[str | None] = mapped_column(Text)
    bio: Mapped[str | None] = mapped_column(Text)
    role: Mapped[Role] = mapped_column(server_default="reader")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (Index("posts_published_idx", "published_at", postgresql_where=text("published_at IS NOT NULL")),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    author_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    slug: Mapped[str | None] = mapped_column(Text, unique=True)
    views: Mapped[int] = mapped_column(BigInteger, server_default="0")
    body: Mapped[str] = mapped_column(Text, server_default="")
    metadata_: Mapped[dict] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
