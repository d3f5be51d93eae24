from tests.cases._kit import *  # noqa: F403

# The query changes: the view is dropped (its indexes with it) and created again with its indexes and
# comment; the down file does the same the other way.
mv = View("public", "user_emails", "SELECT id, email, name FROM users", materialized=True,
          indexes=(index("user_emails_id_idx", "id", unique=True),), comment="one row per user")
model = model(users(), views=[mv])
