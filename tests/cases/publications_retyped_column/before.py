"""Publications with a column list and a row filter on columns whose type changes: PostgreSQL refuses
ALTER COLUMN ... TYPE on a column either uses."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

t = table("t", col("id", "integer", nn=True), col("a", "integer"), col("b", "integer"), pk=["id"])

model = build_model(
    tables=[t],
    publications=[
        Publication("listed", tables=(PublicationTable("public", "t", ("a", "id")),)),
        Publication("filtered", tables=(PublicationTable("public", "t", (), "(b > 1)"),)),
        Publication("whole", tables=(PublicationTable("public", "t"),)),
    ],
)
