from tests.cases._kit import *  # noqa: F403

# An expression key's statistics target (ALTER INDEX ... ALTER COLUMN n SET STATISTICS) is set, changed
# and reset in place; a new index gets its own after CREATE INDEX; a dropped one goes with its index.
model = model(users(
    indexes=[
        index("users_lower_email_idx", IndexElement("lower(email)", is_expression=True, statistics=500)),
        index("users_name_len_idx", "id", IndexElement("length(name)", is_expression=True)),
        index("users_new_idx", IndexElement("id + 1", is_expression=True, statistics=0), comment="a new one"),
    ],
))
