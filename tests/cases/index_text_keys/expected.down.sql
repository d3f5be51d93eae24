DROP INDEX CONCURRENTLY "public"."notes_v_pattern_idx";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."notes_v_nulls_idx";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."notes_v_c_idx";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."notes_lower_v_idx";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."notes_id_v_desc_idx";