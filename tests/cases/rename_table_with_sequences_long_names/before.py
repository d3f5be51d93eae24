from tests.cases._kit import *  # noqa: F403

# A 40-character table with a serial and an identity column of 30 characters: both sequences have
# truncated names (pgshift.pg.naming), before and after the rename.
model = model(table("customer_subscription_billing_event_logs", col("monthly_invoice_sequence_numbr", "integer", nn=True, identity=Identity("always")), col("yearly_invoice_sequence_number", "serial", nn=True), pk=["monthly_invoice_sequence_numbr"]))
