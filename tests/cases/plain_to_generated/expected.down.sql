-- pgshift:data-loss the values of column boxes.area come back as computed, not as they were
DROP INDEX CONCURRENTLY "public"."boxes_big_idx";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."boxes_area_abs_idx";--> statement-breakpoint
ALTER TABLE "public"."boxes" DROP CONSTRAINT "boxes_area_check";--> statement-breakpoint
ALTER TABLE "public"."boxes" ALTER COLUMN "area" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "public"."boxes" ADD CONSTRAINT "boxes_area_check" CHECK (area >= 0);--> statement-breakpoint
CREATE INDEX CONCURRENTLY "boxes_big_idx" ON "public"."boxes" USING btree ("id") WHERE area > 100;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "boxes_area_abs_idx" ON "public"."boxes" USING btree ((abs(area)));