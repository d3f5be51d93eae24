from tests.cases._kit import *  # noqa: F403

# The serial's sequence stays, standalone, with its position: released, not dropped and created again.
model = model(
    table("counters", col("id", "integer", nn=True), col("n", "integer"), pk=["id"]),
    sequences=[Sequence("public", "counters_id_seq", data_type="integer")],
)
