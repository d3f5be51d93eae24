from tests.cases._kit import *  # noqa: F403

# A materialized view that stays while its indexes and comments (and a view's) change in place.
mv = View("public", "user_emails", "SELECT id, email FROM users", materialized=True,
          indexes=(index("user_emails_email_idx", "email"), index("user_emails_old_idx", "email", "id")),
          comment="old text", column_comments=(("email", "the address"),))
plain = View("public", "user_names", "SELECT id, name FROM users")
model = model(users(), views=[mv, plain])
