"""A publication on a table with a stored generated column (PostgreSQL 18's publish_generated_columns)."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

prices = table(
    "prices",
    col("id", "integer", nn=True),
    col("net", "integer"),
    col("gross", "integer", generated="net * 2"),
    pk=["id"],
)

model = build_model(tables=[prices], publications=[Publication("feed", tables=(PublicationTable("public", "prices"),))])
