from tests.cases._kit import *  # noqa: F403

model = model(sequences=[Sequence("public", "invoice_no", SequenceOptions(increment="10", start_with="1000", min_value="1000", max_value="999999", cycle=True))])
