"""feed now sends the generated column's values (SET (publish_generated_columns = stored)); a new one
does from the start (WITH (...)). Both 18-only syntax: servers.txt."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

prices = table(
    "prices",
    col("id", "integer", nn=True),
    col("net", "integer"),
    col("gross", "integer", generated="net * 2"),
    pk=["id"],
)

model = build_model(
    tables=[prices],
    publications=[
        Publication("feed", tables=(PublicationTable("public", "prices"),), generated_columns=True),
        Publication("fresh", tables=(PublicationTable("public", "prices"),), generated_columns=True),
    ],
)
