from tests.cases._kit import *  # noqa: F403

model = model(table("persons", col("id", "integer", nn=True, identity=Identity("always")), col("number", "serial", nn=True),
                    col("n", "integer", nn=True, identity=None), pk=["id"]))
