"""orders_feed: the row filter changes, the column list loses a column that is dropped (the table leaves
the publication before the DROP COLUMN and comes back after it), users leaves; its options change.
inserts_only: only its comment goes. sales_feed: publishes the schema and now also a table of public.
realtime: legacy is dropped with its table, orders joins. gone: dropped. fresh: created, naming a new
table, with a row filter on a boolean column (printed without parentheses by the server)."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

orders = table(
    "orders",
    col("id", "serial", nn=True),
    col("total", "numeric"),
    col("status", "text"),
    pk=["id"],
)
invoices = table(
    "invoices", col("id", "integer", nn=True), col("amount", "numeric"), schema="sales", pk=["id"]
)
events = table("events", col("id", "integer", nn=True), col("public", "boolean"), pk=["id"])

model = build_model(
    schemas=["sales"],
    tables=[users(), orders, invoices, events],
    publications=[
        Publication(
            "orders_feed",
            tables=(
                PublicationTable(
                    "public",
                    "orders",
                    ("id", "total"),
                    "((total > (100)::numeric) AND (status <> 'void'::text))",
                ),
            ),
            publish=("insert", "update"),
            via_root=True,
        ),
        Publication("inserts_only", all_tables=True, publish=("insert",)),
        Publication("sales_feed", tables=(PublicationTable("public", "users"),), schemas=("sales",)),
        Publication(
            "realtime", tables=(PublicationTable("public", "orders"), PublicationTable("public", "users"))
        ),
        Publication(
            "fresh", tables=(PublicationTable("public", "events", (), "public"),), schemas=("sales",)
        ),
    ],
)
