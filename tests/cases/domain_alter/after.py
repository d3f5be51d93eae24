from pgshift.model.schema import DefinedObject, ObjectKind
from tests.cases._kit import *  # noqa: F403

# The CHECK is relaxed, one is dropped, one added, the default dropped, NOT NULL added: ALTER DOMAIN in
# place (a drop and create would fail: the column uses the domain).
POSITIVE = (
    "CREATE DOMAIN public.positive AS integer NOT NULL "
    "CONSTRAINT positive_check CHECK ((VALUE >= 0)) CONSTRAINT positive_even CHECK (((VALUE % 2) = 0))"
)
model = build_model(
    tables=[table("t", col("id", "integer", nn=True), col("n", "positive"), pk=["id"])],
    defined=[DefinedObject(ObjectKind.DOMAIN, "public", "positive", POSITIVE)],
)
