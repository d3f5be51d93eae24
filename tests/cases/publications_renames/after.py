"""orders is renamed purchases and its column total amount_due, schema sales billing. Only big_orders,
whose row filter names the renamed column, changes: its table leaves it before the rename and comes
back after, with the filter in the new name (so the down file can do the same the other way). notes
is renamed order_notes, big_orders large_orders (ALTER PUBLICATION ... RENAME TO; the early step names
big_orders, which it still is then)."""

from pgshift.model.schema import Publication, PublicationTable
from tests.cases._kit import *  # noqa: F403

purchases = table(
    "purchases",
    col("id", "integer", nn=True),
    col("amount_due", "numeric"),
    col("note", "text"),
    pk=["id"],
    pk_name="orders_pkey",
)
invoices = table(
    "invoices", col("id", "integer", nn=True), col("amount", "numeric"), schema="billing", pk=["id"]
)

model = build_model(
    schemas=["billing"],
    tables=[purchases, invoices],
    publications=[
        Publication(
            "large_orders",
            tables=(
                PublicationTable(
                    "public", "purchases", ("amount_due", "id"), "(amount_due > (100)::numeric)"
                ),
            ),
        ),
        Publication("order_notes", tables=(PublicationTable("public", "purchases", ("amount_due", "note")),)),
        Publication("sales_feed", schemas=("billing",), publish=("insert",)),
        Publication(
            "amounts",
            tables=(PublicationTable("billing", "invoices", ("amount", "id"), "(amount > (0)::numeric)"),),
        ),
    ],
)
