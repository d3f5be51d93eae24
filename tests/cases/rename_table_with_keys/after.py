from tests.cases._kit import *  # noqa: F403

model = model(
    table("persons", col("id", "integer", nn=True), col("email", "text"), pk=["id"],
          uniques=[UniqueConstraint("persons_email_key", ("email",))], indexes=[index("persons_email_idx", "email")]),
    table("notes", col("person_id", "integer"), fks=[fk("notes_person_id_fkey", ["person_id"], "persons", ["id"])]),
)
