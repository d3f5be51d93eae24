DROP VIEW "public"."big_boxes";--> statement-breakpoint
ALTER TABLE "public"."boxes" ALTER COLUMN "area" DROP EXPRESSION;--> statement-breakpoint
CREATE VIEW "public"."big_boxes" AS (SELECT id, area FROM boxes WHERE area > 100);