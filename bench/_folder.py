"""A migration folder of N migrations in the format ``pgshift generate`` writes (Drizzle Kit 0.31).

Migration i creates table ``m{i}`` (identity key, text, timestamptz default, jsonb), a foreign key to
the previous table, an index and a check: the statements generate writes for a new table, separated by
``--> statement-breakpoint``. Used by bench/noop (an up-to-date folder) and bench/apply (applying all).
"""

from __future__ import annotations

import json
from pathlib import Path

BREAK = "\n--> statement-breakpoint\n"
WHEN = 1_790_000_000_000


def migration_sql(i: int) -> str:
    statements = [
        f'CREATE TABLE "m{i:04d}" (\n\t"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY '
        f'(sequence name "m{i:04d}_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 '
        'CACHE 1),\n\t"prev_id" bigint,\n\t"name" text NOT NULL,\n\t"amount" numeric(12, 2) DEFAULT \'0\' NOT NULL,\n'
        '\t"data" jsonb,\n\t"created_at" timestamp with time zone DEFAULT now() NOT NULL,\n'
        f'\tCONSTRAINT "m{i:04d}_amount_check" CHECK ("m{i:04d}"."amount" >= 0)\n);',
        f'CREATE INDEX "m{i:04d}_name_idx" ON "m{i:04d}" USING btree ("name");',
    ]
    if i:
        statements.append(
            f'ALTER TABLE "m{i:04d}" ADD CONSTRAINT "m{i:04d}_prev_id_m{i - 1:04d}_id_fk" FOREIGN KEY '
            f'("prev_id") REFERENCES "public"."m{i - 1:04d}"("id") ON DELETE cascade ON UPDATE no action;'
        )
    return BREAK.join(statements) + "\n"


def write_folder(folder: Path, count: int) -> list[str]:
    """Write ``count`` migrations and the journal; their tags."""
    (folder / "meta").mkdir(parents=True, exist_ok=True)
    entries = []
    for i in range(count):
        tag = f"{i:04d}_m{i:04d}"
        (folder / f"{tag}.sql").write_text(migration_sql(i))
        entries.append({"idx": i, "version": "7", "when": WHEN + i * 1000, "tag": tag, "breakpoints": True})
    journal = {"version": "7", "dialect": "postgresql", "entries": entries}
    (folder / "meta" / "_journal.json").write_text(json.dumps(journal, indent=2) + "\n")
    return [e["tag"] for e in entries]
