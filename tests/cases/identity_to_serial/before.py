from tests.cases._kit import *  # noqa: F403

# identity -> bigserial (issue 11, defect 5, the other way, with a type change): a new serial sequence
# continues from the identity's position before DROP IDENTITY drops that.
model = model(table("tickets", col("id", "integer", nn=True, identity=Identity("always")), col("title", "text"), pk=["id"]))
