from tests.cases._kit import *  # noqa: F403

model = model(table("customer_subscription_billing_events_arch", col("monthly_invoice_sequence_numbr", "integer", nn=True, identity=Identity("always")), col("yearly_invoice_sequence_number", "serial", nn=True), pk=["monthly_invoice_sequence_numbr"]))
