"""A partitioned table whose partitions have defaults and CHECKs of their own (info["pgshift"])."""

from sqlalchemy import Column, Date, Integer, MetaData, Table, text

metadata = MetaData()

Table(
    "sales",
    metadata,
    Column("id", Integer, server_default=text("5")),
    Column("units", Integer),
    Column("d", Date),
    postgresql_partition_by="RANGE (d)",
    info={"pgshift": {"partitions": [
        {"name": "sales_2006m2", "bound": "FOR VALUES FROM ('2006-02-01') TO ('2006-03-01')",
         "defaults": {"id": "7", "units": "0"}, "checks": {"sales_2006m2_units_check": "units >= 0"}},
        {"name": "sales_2006m3", "bound": "FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')",
         "defaults": {"id": None}},
    ]}},
)
