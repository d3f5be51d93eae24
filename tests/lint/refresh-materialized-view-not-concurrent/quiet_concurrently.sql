REFRESH MATERIALIZED VIEW CONCURRENTLY "public"."account_stats";
--> statement-breakpoint
CREATE MATERIALIZED VIEW "public"."fresh" AS SELECT 1 AS n WITH NO DATA;
--> statement-breakpoint
REFRESH MATERIALIZED VIEW "public"."fresh";
