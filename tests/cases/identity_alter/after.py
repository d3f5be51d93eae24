from tests.cases._kit import *  # noqa: F403

model = model(table("a", col("id", "integer", nn=True, identity=Identity("byDefault", options=SequenceOptions(increment="2", cache="10", cycle=True))), pk=["id"]))
