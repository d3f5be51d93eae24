from tests.cases._kit import *  # noqa: F403

model = model(table("sessions", col("id", "uuid", nn=True), col("token", "text", nn=True), schema="auth", pk=["id"]), schemas=["auth"])
