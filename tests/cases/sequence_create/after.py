from tests.cases._kit import *  # noqa: F403

model = model(sequences=[Sequence("public", "invoice_no", SequenceOptions(increment="1", start_with="1000", min_value="1000", cache="1"), data_type="integer")])
