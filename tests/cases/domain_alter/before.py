from pgshift.model.schema import DefinedObject, ObjectKind
from tests.cases._kit import *  # noqa: F403

POSITIVE = (
    "CREATE DOMAIN public.positive AS integer DEFAULT 1 "
    "CONSTRAINT positive_check CHECK ((VALUE > 0)) CONSTRAINT positive_small CHECK ((VALUE < 1000))"
)
model = build_model(
    tables=[table("t", col("id", "integer", nn=True), col("n", "positive"), pk=["id"])],
    defined=[DefinedObject(ObjectKind.DOMAIN, "public", "positive", POSITIVE)],
)
