from tests.cases._kit import *  # noqa: F403

model = model(users(
    indexes=[
        index("users_lower_email_idx", IndexElement("lower(email)", is_expression=True)),
        index("users_name_len_idx", "id", IndexElement("length(name)", is_expression=True, statistics=50)),
        index("users_gone_idx", IndexElement("upper(name)", is_expression=True, statistics=10)),
    ],
))
