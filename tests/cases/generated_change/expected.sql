ALTER TABLE "public"."boxes" DROP COLUMN "area";--> statement-breakpoint
ALTER TABLE "public"."boxes" ADD COLUMN "area" integer GENERATED ALWAYS AS ((w * h) * 2) STORED;