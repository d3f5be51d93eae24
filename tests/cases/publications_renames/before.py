"""Publications over a table, a column and a schema that are renamed (PostgreSQL follows each rename
itself: the publication holds oids)."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

orders = table(
    "orders", col("id", "integer", nn=True), col("total", "numeric"), col("note", "text"), pk=["id"]
)
invoices = table(
    "invoices", col("id", "integer", nn=True), col("amount", "numeric"), schema="sales", pk=["id"]
)

model = build_model(
    schemas=["sales"],
    tables=[orders, invoices],
    publications=[
        Publication(
            "big_orders",
            tables=(PublicationTable("public", "orders", ("id", "total"), "(total > (100)::numeric)"),),
        ),
        Publication("notes", tables=(PublicationTable("public", "orders", ("note", "total")),)),
        Publication("sales_feed", schemas=("sales",), publish=("insert",)),
        Publication(
            "amounts",
            tables=(PublicationTable("sales", "invoices", ("amount", "id"), "(amount > (0)::numeric)"),),
        ),
    ],
)
