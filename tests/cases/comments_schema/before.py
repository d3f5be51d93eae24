from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["kept", "gone"], schema_comments=[("kept", "old words"), ("gone", "dropped with it")]
)
