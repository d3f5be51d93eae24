from tests.cases._kit import *  # noqa: F403

model = model(users(
    col("tags", "text[]"),
    col("deleted_at", "timestamp with time zone"),
    indexes=[
        index("users_email_idx", "email", unique=True),
        index("users_active_email_idx", "email", where="deleted_at IS NULL"),
        index("users_lower_email_idx", IndexElement("lower(email)", is_expression=True)),
        index("users_tags_idx", "tags", method="gin"),
        index("users_email_pattern_idx", IndexElement("email", opclass="text_pattern_ops")),
        index("users_name_desc_idx", IndexElement("name", descending=True, nulls_first=False),
              IndexElement("id", nulls_first=True)),
        index("users_email_include_idx", "email", include=("name",), with_=(("fillfactor", "70"),)),
        index("users_name_nnd_idx", "name", unique=True, nulls_not_distinct=True),
    ],
))
