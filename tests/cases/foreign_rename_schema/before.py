"""A foreign table in schema app, on a server (database-wide)."""

from pgshift.model.schema import ForeignDataWrapper, ForeignServer, ForeignTable
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["app"],
    foreign_data_wrappers=[ForeignDataWrapper("lab_fdw")],
    foreign_servers=[ForeignServer("srv", "lab_fdw", options=(("host", "h"),))],
    tables=[
        replace(
            table("films", col("id", "integer", foreign_options=(("column_name", "fid"),)), schema="app"),
            foreign=ForeignTable("srv", (("table_name", "f"),)),
        )
    ],
)
