from tests.cases._kit import *  # noqa: F403

model = model(sequences=[Sequence("public", "invoice_number")])
