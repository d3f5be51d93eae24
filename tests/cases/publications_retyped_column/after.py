"""a and b become bigint; the publications stay as they are, so listed and filtered give the table up
before the type change and take it back after (whole, with neither, is left alone)."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

t = table("t", col("id", "integer", nn=True), col("a", "bigint"), col("b", "bigint"), pk=["id"])

model = build_model(
    tables=[t],
    publications=[
        Publication("listed", tables=(PublicationTable("public", "t", ("a", "id")),)),
        Publication("filtered", tables=(PublicationTable("public", "t", (), "(b > 1)"),)),
        Publication("whole", tables=(PublicationTable("public", "t"),)),
    ],
)
