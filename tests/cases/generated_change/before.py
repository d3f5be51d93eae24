from tests.cases._kit import *  # noqa: F403

model = model(table("boxes", col("w", "integer", nn=True), col("h", "integer", nn=True), col("area", "integer", generated="w * h")))
