from tests.cases._kit import *  # noqa: F403

model = model(
    table("a", col("id", "integer", nn=True, identity=Identity("always")), pk=["id"]),
    table("b", col("id", "bigint", nn=True, identity=Identity("byDefault", "b_custom_seq", SequenceOptions(increment="5", min_value="10", max_value="1000000", start_with="10", cache="20", cycle=True))), pk=["id"]),
)
