"""Schema app renamed to cinema: the foreign table moves with it; the server and wrapper, in no schema,
are untouched (nothing dropped and created)."""

from pgshift.model.schema import ForeignDataWrapper, ForeignServer, ForeignTable
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["cinema"],
    foreign_data_wrappers=[ForeignDataWrapper("lab_fdw")],
    foreign_servers=[ForeignServer("srv", "lab_fdw", options=(("host", "h"),))],
    tables=[
        replace(
            table("films", col("id", "integer", foreign_options=(("column_name", "fid"),)), schema="cinema"),
            foreign=ForeignTable("srv", (("table_name", "f"),)),
        )
    ],
)
