"""A foreign key becomes MATCH FULL and its ON DELETE SET NULL names one of its columns (15+)."""

from sqlalchemy import Column, ForeignKeyConstraint, Integer, MetaData, Table, UniqueConstraint

metadata = MetaData()

Table("p", metadata, Column("id", Integer, primary_key=True), Column("a", Integer), Column("b", Integer),
      UniqueConstraint("a", "b", name="p_a_b_key"))  # fmt: skip
Table(
    "c",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pa", Integer),
    Column("pb", Integer),
    ForeignKeyConstraint(["pa", "pb"], ["p.a", "p.b"], name="c_fk", ondelete="SET NULL"),
)
