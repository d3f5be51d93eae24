from tests.cases._kit import *  # noqa: F403

# Postgres keeps "people_id_seq" / "people_num_seq" after a table rename; pgshift renames them so the
# database matches one created from scratch.
model = model(table("people", col("id", "integer", nn=True, identity=Identity("always")), col("num", "serial", nn=True),
                    col("n", "integer", nn=True, identity=None), pk=["id"]))
