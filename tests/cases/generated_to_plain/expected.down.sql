DROP VIEW "public"."big_boxes";--> statement-breakpoint
ALTER TABLE "public"."boxes" DROP COLUMN "area";--> statement-breakpoint
ALTER TABLE "public"."boxes" ADD COLUMN "area" integer GENERATED ALWAYS AS (w * h) STORED;--> statement-breakpoint
CREATE INDEX "boxes_area_idx" ON "public"."boxes" USING btree ("area");--> statement-breakpoint
CREATE INDEX "boxes_big_idx" ON "public"."boxes" USING btree ("id") WHERE area > 100;--> statement-breakpoint
ALTER TABLE "public"."boxes" ADD CONSTRAINT "boxes_area_check" CHECK (area >= 0);--> statement-breakpoint
CREATE VIEW "public"."big_boxes" AS (SELECT id, area FROM boxes WHERE area > 100);