ALTER TABLE "public"."events" RESET (toast.autovacuum_enabled);--> statement-breakpoint
ALTER TABLE "public"."events" SET (autovacuum_enabled = false, fillfactor = 70);--> statement-breakpoint
DROP TABLE "public"."log";