from tests.cases._kit import *  # noqa: F403

model = model(table("a", col("key", "text", nn=True), pk=["key"]), table("b", col("a_code", "text"), fks=[fk("b_a_code_fkey", ["a_code"], "a", ["key"])]))
