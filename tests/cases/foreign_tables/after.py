"""The wrapper gets a comment and an option; films_srv changes VERSION and options in place (SET host,
ADD dbname, DROP port) and gets a comment; old_srv goes after its foreign table (no data lost: a foreign
table holds no rows here); a new server; films gets a column with options and a default, its table and
column options change, a CHECK and a comment; moved goes to the new server (no ALTER for a server:
dropped and created); a new foreign table. The foreign partition's options and comment change in place,
the plain partition becomes foreign (detached, dropped and created again), a new foreign partition."""

from pgshift.model.schema import ForeignDataWrapper, ForeignServer, ForeignTable
from tests.cases._kit import *  # noqa: F403

model = build_model(
    foreign_data_wrappers=[
        ForeignDataWrapper("lab_fdw", options=(("debug", "false"), ("trace", "on")), comment="for tests")
    ],
    foreign_servers=[
        ForeignServer(
            "films_srv",
            "lab_fdw",
            type="pg",
            version="16",
            options=(("dbname", "cinema"), ("host", "b")),
            comment="the films database",
        ),
        ForeignServer("new_srv", "lab_fdw", options=(("host", "c"),)),
    ],
    tables=[
        replace(
            table(
                "films",
                col("id", "integer", nn=True, foreign_options=(("column_name", "fid"),)),
                col("title", "text", comment="as released"),
                col("rating", "smallint", nn=True, default="0", foreign_options=(("column_name", "stars"),)),
                checks=[
                    CheckConstraint("films_id_check", "id > 0"),
                    CheckConstraint("films_rating_check", "rating >= 0"),
                ],
                comment="films on the remote server",
            ),
            foreign=ForeignTable("films_srv", (("schema_name", "public"), ("table_name", "film"))),
        ),
        replace(table("moved", col("id", "integer")), foreign=ForeignTable("new_srv")),
        replace(
            table("sales", col("region", "text"), col("n", "integer")),
            partition_by="LIST (region)",
            partitions=(
                Partition("public", "sales_asia", "FOR VALUES IN ('asia')", foreign=ForeignTable("new_srv")),
                Partition(
                    "public",
                    "sales_eu",
                    "FOR VALUES IN ('eu')",
                    comment="europe, remote",
                    foreign=ForeignTable("films_srv", (("schema_name", "x"), ("table_name", "europe"))),
                ),
                Partition("public", "sales_us", "FOR VALUES IN ('us')", foreign=ForeignTable("new_srv")),
            ),
        ),
        replace(
            table("fresh", col("id", "integer", nn=True)),
            foreign=ForeignTable("new_srv", (("table_name", "f"),)),
        ),
    ],
)
