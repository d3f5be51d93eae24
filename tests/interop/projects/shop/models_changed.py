"""models.py plus one change: users.nickname (nullable text)."""

from models import metadata, users  # noqa: F401
from sqlalchemy import Column, Text

users.append_column(Column("nickname", Text))
