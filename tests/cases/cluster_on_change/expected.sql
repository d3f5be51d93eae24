CREATE TABLE "public"."log" (
	"id" serial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public"."log" CLUSTER ON "log_pkey";--> statement-breakpoint
ALTER TABLE "public"."events" SET WITHOUT CLUSTER;--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."events_at_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_kind_idx" ON "public"."events" USING btree ("kind");--> statement-breakpoint
ALTER TABLE "public"."events" CLUSTER ON "events_kind_idx";