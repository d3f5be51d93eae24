ALTER TABLE "public"."events" SET WITHOUT CLUSTER;--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."events_kind_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_at_idx" ON "public"."events" USING btree ("at");--> statement-breakpoint
ALTER TABLE "public"."events" CLUSTER ON "events_at_idx";--> statement-breakpoint
DROP TABLE "public"."log";