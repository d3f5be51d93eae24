CREATE TABLE "public"."log" (
	"id" serial PRIMARY KEY NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.01, parallel_workers = 2);
--> statement-breakpoint
ALTER TABLE "public"."events" RESET (autovacuum_enabled);--> statement-breakpoint
ALTER TABLE "public"."events" SET (fillfactor = 80, toast.autovacuum_enabled = off);