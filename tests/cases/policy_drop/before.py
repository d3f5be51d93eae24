from tests.cases._kit import *  # noqa: F403

model = model(users(rls=True, policies=[Policy("own_rows", command="SELECT", roles=("public",), using="current_user = name")]))
