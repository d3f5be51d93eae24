"""MATCH FULL (SQLAlchemy's match=) and SET NULL (pa) (info: SQLAlchemy cannot spell it)."""

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
    ForeignKeyConstraint(
        ["pa", "pb"],
        ["p.a", "p.b"],
        name="c_fk",
        ondelete="SET NULL",
        match="FULL",
        info={"pgshift": {"on_delete_columns": ["pa"]}},
    ),
)
