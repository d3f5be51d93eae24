from tests.cases._kit import *  # noqa: F403

model = model(
    table("people", col("id", "integer", nn=True), col("email", "text"), pk=["id"],
          uniques=[UniqueConstraint("people_email_key", ("email",))], indexes=[index("people_email_idx", "email")]),
    table("notes", col("person_id", "integer"), fks=[fk("notes_person_id_fkey", ["person_id"], "people", ["id"])]),
)
