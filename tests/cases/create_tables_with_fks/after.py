from tests.cases._kit import *  # noqa: F403

model = model(
    users(),
    table("posts", col("id", "serial", nn=True), col("author_id", "integer", nn=True), col("editor_id", "integer"),
          pk=["id"],
          fks=[fk("posts_author_id_fkey", ["author_id"], "users", ["id"], on_delete="cascade"),
               fk("posts_editor_id_fkey", ["editor_id"], "users", ["id"], on_delete="set null", on_update="cascade",
                  deferrable=True, initially_deferred=True)]),
)
