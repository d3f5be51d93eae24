-- pgshift:data-loss table events_2024 comes back empty
CREATE TABLE "public"."events_2024" PARTITION OF "public"."events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');--> statement-breakpoint
DROP INDEX "public"."events_id_idx";--> statement-breakpoint
ALTER TABLE "public"."events" DETACH PARTITION "public"."events_2026";--> statement-breakpoint
DROP TABLE "public"."events_2026";