"""Foreign-data wrapper (made by hand: no handler, enough for servers and foreign tables), servers and
foreign tables: one server goes with its foreign table, one foreign table moves to another server; a
partitioned table with a foreign partition and a plain one."""

from pgshift.model.schema import ForeignDataWrapper, ForeignServer, ForeignTable
from tests.cases._kit import *  # noqa: F403

model = build_model(
    foreign_data_wrappers=[ForeignDataWrapper("lab_fdw", options=(("debug", "true"),))],
    foreign_servers=[
        ForeignServer(
            "films_srv", "lab_fdw", type="pg", version="15", options=(("host", "a"), ("port", "1"))
        ),
        ForeignServer("old_srv", "lab_fdw"),
    ],
    tables=[
        replace(
            table(
                "films",
                col("id", "integer", nn=True, foreign_options=(("column_name", "film_id"),)),
                col("title", "text"),
                checks=[CheckConstraint("films_id_check", "id > 0")],
            ),
            foreign=ForeignTable("films_srv", (("table_name", "films"),)),
        ),
        replace(table("archive", col("id", "integer")), foreign=ForeignTable("old_srv")),
        replace(table("moved", col("id", "integer")), foreign=ForeignTable("films_srv")),
        replace(
            table("sales", col("region", "text"), col("n", "integer")),
            partition_by="LIST (region)",
            partitions=(
                Partition(
                    "public",
                    "sales_eu",
                    "FOR VALUES IN ('eu')",
                    foreign=ForeignTable("films_srv", (("table_name", "eu"),)),
                ),
                Partition("public", "sales_us", "FOR VALUES IN ('us')"),
            ),
        ),
    ],
)
