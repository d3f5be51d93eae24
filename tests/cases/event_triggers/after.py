"""audit_ddl is disabled and gets a comment (ALTER EVENT TRIGGER and COMMENT ON in place);
watch_drops watches one more tag (dropped and created again: there is no CREATE OR REPLACE); a new
one fires on table rewrites, also in replica sessions (ENABLE ALWAYS)."""

from pgshift.model.schema import EventTrigger, Function, RoutineKind
from tests.cases._kit import *  # noqa: F403

NOTE_DDL = Function(
    "public",
    "note_ddl",
    RoutineKind.FUNCTION,
    "",
    "",
    "event_trigger",
    "CREATE OR REPLACE FUNCTION public.note_ddl()\n RETURNS event_trigger\n LANGUAGE plpgsql\n"
    "AS $function$ BEGIN RAISE NOTICE 'ddl: %', tg_tag; END $function$",
)

model = build_model(
    tables=[users()],
    functions=[NOTE_DDL],
    event_triggers=[
        EventTrigger(
            "audit_ddl", "ddl_command_end", "public", "note_ddl", enabled="D", comment="who changed what"
        ),
        EventTrigger("watch_drops", "sql_drop", "public", "note_ddl", tags=("DROP TABLE", "DROP VIEW")),
        EventTrigger("watch_rewrites", "table_rewrite", "public", "note_ddl", enabled="A"),
    ],
)
