DROP INDEX CONCURRENTLY "public"."boxes_area_abs_idx";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."boxes_big_idx";--> statement-breakpoint
ALTER TABLE "public"."boxes" DROP CONSTRAINT "boxes_area_check";--> statement-breakpoint
ALTER TABLE "public"."boxes" DROP COLUMN "area";--> statement-breakpoint
ALTER TABLE "public"."boxes" ADD COLUMN "area" integer GENERATED ALWAYS AS (w * h) STORED;--> statement-breakpoint
ALTER TABLE "public"."boxes" ADD CONSTRAINT "boxes_area_check" CHECK (area >= 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."boxes" VALIDATE CONSTRAINT "boxes_area_check";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "boxes_area_abs_idx" ON "public"."boxes" USING btree ((abs(area)));--> statement-breakpoint
CREATE INDEX CONCURRENTLY "boxes_big_idx" ON "public"."boxes" USING btree ("id") WHERE area > 100;