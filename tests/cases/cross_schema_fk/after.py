from tests.cases._kit import *  # noqa: F403

model = model(users(), table("audit", col("user_id", "integer", nn=True), col("at", "timestamp with time zone", nn=True, default="now()"), schema="log", fks=[fk("audit_user_id_fkey", ["user_id"], "users", ["id"], on_delete="no action")]), schemas=["log"])
