"""fillfactor changes, autovacuum_enabled is reset, the TOAST table gets its own parameter, and a new
table is created with parameters (one of them a quoted decimal): ALTER TABLE SET / RESET, no rewrite."""

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text),
    postgresql_with={"fillfactor": 80, "toast.autovacuum_enabled": "off"},
)
Table(
    "log",
    metadata,
    Column("id", Integer, primary_key=True),
    postgresql_with={"autovacuum_vacuum_scale_factor": "0.01", "parallel_workers": 2},
)
