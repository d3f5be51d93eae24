# A schema's comment changes in place; a dropped schema's comes back with it in the down file; a new
# schema is created with its comment.
from tests.cases._kit import *  # noqa: F403

model = build_model(schemas=["kept", "new"], schema_comments=[("kept", "new words"), ("new", "brand new")])
