from tests.cases._kit import *  # noqa: F403

mv = View("public", "user_emails", "SELECT id, email FROM users", materialized=True,
          indexes=(index("user_emails_id_idx", "id", unique=True),), comment="one row per user")
model = model(users(), views=[mv])
