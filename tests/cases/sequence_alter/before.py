from tests.cases._kit import *  # noqa: F403

model = model(sequences=[Sequence("public", "invoice_no", SequenceOptions(start_with="1000", min_value="1000"))])
