from tests.cases._kit import *  # noqa: F403

# serial -> identity (issue 11, defect 5): the identity's sequence continues from the serial sequence's
# position (the old one is renamed out of the way, read by setval, then dropped); the down file hands
# the position back to a new serial sequence the same way.
model = model(table("tickets", col("id", "integer", nn=True, identity=Identity("byDefault")), col("title", "text"), pk=["id"]))
