DROP INDEX "public"."events_lower_kind_idx";--> statement-breakpoint
DROP INDEX "public"."events_at_id_idx";--> statement-breakpoint
CREATE INDEX "events_kind_idx" ON "public"."events" USING btree ("kind");