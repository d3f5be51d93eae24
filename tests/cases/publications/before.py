"""Publications (database-wide; logical replication): one with a column list and a row filter, one FOR
ALL TABLES publishing inserts only, one publishing a schema whole, one publishing a table that goes,
one dropped. Row filters in the server's spelling (pg_get_expr): tests/test_introspect.py reads every
case back."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

orders = table(
    "orders",
    col("id", "serial", nn=True),
    col("total", "numeric"),
    col("status", "text"),
    col("note", "text"),
    pk=["id"],
)
legacy = table("legacy", col("id", "integer", nn=True), pk=["id"])
invoices = table(
    "invoices", col("id", "integer", nn=True), col("amount", "numeric"), schema="sales", pk=["id"]
)

model = build_model(
    schemas=["sales"],
    tables=[users(), orders, legacy, invoices],
    publications=[
        Publication(
            "orders_feed",
            tables=(
                PublicationTable("public", "orders", ("id", "note", "total"), "(total > (100)::numeric)"),
                PublicationTable("public", "users"),
            ),
        ),
        Publication("inserts_only", all_tables=True, publish=("insert",), comment="append-only copy"),
        Publication("sales_feed", schemas=("sales",)),
        Publication(
            "realtime", tables=(PublicationTable("public", "legacy"), PublicationTable("public", "users"))
        ),
        Publication("gone", tables=(PublicationTable("public", "users", ("email", "id")),)),
    ],
)
