"""The parent's default changes (it reaches every partition: the ones with their own get theirs back in
the same step, both ways); sales_2006m2's own units default goes, its CHECK changes; sales_2006m3 takes
the parent's default again; a new partition comes with its own."""

from sqlalchemy import Column, Date, Integer, MetaData, Table, text

metadata = MetaData()

Table(
    "sales",
    metadata,
    Column("id", Integer, server_default=text("6")),
    Column("units", Integer),
    Column("d", Date),
    postgresql_partition_by="RANGE (d)",
    info={"pgshift": {"partitions": [
        {"name": "sales_2006m2", "bound": "FOR VALUES FROM ('2006-02-01') TO ('2006-03-01')",
         "defaults": {"id": "7"}, "checks": {"sales_2006m2_units_check": "units > 0"}},
        {"name": "sales_2006m3", "bound": "FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')"},
        {"name": "sales_2006m4", "bound": "FOR VALUES FROM ('2006-04-01') TO ('2006-05-01')",
         "defaults": {"units": "1"}, "checks": {"sales_2006m4_units_check": "units < 100"}},
    ]}},
)
