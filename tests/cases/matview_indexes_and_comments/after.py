from tests.cases._kit import *  # noqa: F403

mv = View("public", "user_emails", "SELECT id, email FROM users", materialized=True,
          indexes=(index("user_emails_email_idx", "email", comment="lookups by address"),
                   index("user_emails_id_idx", "id", unique=True)),
          column_comments=(("id", "the user"),))
plain = View("public", "user_names", "SELECT id, name FROM users", comment="names only",
             column_comments=(("name", "as typed"),))
model = model(users(), views=[mv, plain])
