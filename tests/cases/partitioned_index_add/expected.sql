DROP INDEX "public"."events_kind_idx";--> statement-breakpoint
CREATE INDEX "events_at_id_idx" ON ONLY "public"."events" USING btree ("at", "id");--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2024_at_id_idx" ON "public"."events_2024" USING btree ("at", "id");--> statement-breakpoint
ALTER INDEX "public"."events_at_id_idx" ATTACH PARTITION "public"."events_2024_at_id_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2025_at_id_idx" ON "public"."events_2025" USING btree ("at", "id");--> statement-breakpoint
ALTER INDEX "public"."events_at_id_idx" ATTACH PARTITION "public"."events_2025_at_id_idx";--> statement-breakpoint
CREATE INDEX "events_lower_kind_idx" ON ONLY "public"."events" USING btree ((lower(kind)));--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2024_lower_idx" ON "public"."events_2024" USING btree ((lower(kind)));--> statement-breakpoint
ALTER INDEX "public"."events_lower_kind_idx" ATTACH PARTITION "public"."events_2024_lower_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2025_lower_idx" ON "public"."events_2025" USING btree ((lower(kind)));--> statement-breakpoint
ALTER INDEX "public"."events_lower_kind_idx" ATTACH PARTITION "public"."events_2025_lower_idx";