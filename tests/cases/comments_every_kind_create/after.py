# Comments on every kind that carries one in the model, created with their objects. Declared objects are
# spelled as the server prints them (tests/test_introspect.py reads every case back).
from pgshift.model.schema import DefinedObject, ExcludeConstraint, ObjectKind, Rule
from tests.cases._kit import *  # noqa: F403

MOOD = Enum("public", "mood", ("sad", "ok"), comment="how it went")
COUNTER = Sequence("public", "counter", comment="counts up")
POSITIVE = DefinedObject(
    ObjectKind.DOMAIN,
    "public",
    "positive",
    "CREATE DOMAIN public.positive AS integer CONSTRAINT positive_check CHECK ((VALUE > 0))",
    comment="above zero",
)
ACCOUNT = replace(
    table(
        "account",
        col("id", "integer", nn=True),
        col("code", "text"),
        col("score", "integer"),
        col("mood", "mood", enum_schema="public"),
        col("rank", "positive"),  # a domain in use: its comment changes in place, never by DROP DOMAIN
        uniques=[UniqueConstraint("account_code_key", ("code",), comment="one per code")],
        checks=[CheckConstraint("account_score_check", "score > 0", comment="positive")],
        indexes=[index("account_score_idx", "score", comment="by score")],
        policies=[Policy("own_rows", using="score > 1", comment="who sees what")],
        rls=True,
    ),
    primary_key=PrimaryKey("account_pkey", ("id",), comment="the key"),
    exclude_constraints=(ExcludeConstraint("account_code_excl", "EXCLUDE (code WITH =)", comment="no twins"),),
)
NOTE = table(
    "note",
    col("id", "integer", nn=True),
    col("account_id", "integer"),
    pk=["id"],
    fks=[fk("note_account_id_fkey", ["account_id"], "account", ["id"], comment="whose note")],
)
NO_DELETE = Rule(
    "public",
    "note",
    "note_keep",
    "CREATE RULE note_keep AS\n    ON DELETE TO public.note DO INSTEAD NOTHING;",  # as the server prints it
    comment="notes are kept",
)

model = build_model(
    tables=[ACCOUNT, NOTE], enums=[MOOD], sequences=[COUNTER], rules=[NO_DELETE], defined=[POSITIVE]
)
