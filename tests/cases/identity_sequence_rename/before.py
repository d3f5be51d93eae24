from tests.cases._kit import *  # noqa: F403

model = model(table("a", col("id", "bigint", nn=True, identity=Identity("always")), pk=["id"]))
