from tests.cases._kit import *  # noqa: F403

# A new materialized view is created with its indexes (not concurrently: nothing reads it yet) and comments.
mv = View("public", "user_emails", "SELECT id, email FROM users", materialized=True,
          indexes=(index("user_emails_id_idx", "id", unique=True, comment="for REFRESH CONCURRENTLY"),),
          comment="one row per user", column_comments=(("email", "the address"),))
model = model(users(), views=[mv])
