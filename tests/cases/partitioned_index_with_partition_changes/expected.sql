CREATE TABLE "public"."events_2026" PARTITION OF "public"."events" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');--> statement-breakpoint
CREATE INDEX "events_id_idx" ON ONLY "public"."events" USING btree ("id");--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2024_id_idx" ON "public"."events_2024" USING btree ("id");--> statement-breakpoint
ALTER INDEX "public"."events_id_idx" ATTACH PARTITION "public"."events_2024_id_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2025_id_idx" ON "public"."events_2025" USING btree ("id");--> statement-breakpoint
ALTER INDEX "public"."events_id_idx" ATTACH PARTITION "public"."events_2025_id_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "events_2026_id_idx" ON "public"."events_2026" USING btree ("id");--> statement-breakpoint
ALTER INDEX "public"."events_id_idx" ATTACH PARTITION "public"."events_2026_id_idx";--> statement-breakpoint
ALTER TABLE "public"."events" DETACH PARTITION "public"."events_2024" CONCURRENTLY;--> statement-breakpoint
DROP TABLE "public"."events_2024";