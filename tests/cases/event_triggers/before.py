"""Event triggers (database-wide, kept with the schema of their function): one enabled on every DDL
command's end, one on DROP TABLE only."""

from pgshift.model.schema import EventTrigger, Function, RoutineKind
from tests.cases._kit import *  # noqa: F403

# as the server prints it (pg_get_functiondef): tests/test_introspect.py reads every case back
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
        EventTrigger("audit_ddl", "ddl_command_end", "public", "note_ddl"),
        EventTrigger("watch_drops", "sql_drop", "public", "note_ddl", tags=("DROP TABLE",)),
    ],
)
