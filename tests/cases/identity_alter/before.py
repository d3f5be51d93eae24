from tests.cases._kit import *  # noqa: F403

model = model(table("a", col("id", "integer", nn=True, identity=Identity("always")), pk=["id"]))
