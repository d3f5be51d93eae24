INSERT INTO "runs" ("note") VALUES ('0001');
--> statement-breakpoint
CREATE INDEX CONCURRENTLY "runs_note_idx" ON "runs" ("note");