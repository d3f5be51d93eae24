from tests.cases._kit import *  # noqa: F403

# 40-character table, 30-character column: "<table>_<column>_seq" is longer than 63 bytes, so Postgres
# truncates the sequence's name (pgshift.pg.naming); the rename must name the truncated sequence.
model = model(table("customer_subscription_billing_event_logs", col("id", "integer", nn=True), col("monthly_invoice_sequence_numbr", "serial", nn=True), pk=["id"]))
