from tests.cases._kit import *  # noqa: F403

model = model(table("customer_subscription_billing_event_logs", col("id", "integer", nn=True), col("yearly_invoice_sequence_number", "serial", nn=True), pk=["id"]))
