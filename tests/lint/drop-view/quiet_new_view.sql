CREATE VIEW "public"."scratch" AS SELECT 1 AS n;
--> statement-breakpoint
CREATE MATERIALIZED VIEW "public"."scratch_m" AS SELECT 1 AS n;
--> statement-breakpoint
DROP MATERIALIZED VIEW "public"."scratch_m";
--> statement-breakpoint
DROP VIEW "public"."scratch";
