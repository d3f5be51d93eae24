ALTER TABLE "public"."sales_2006m2" ALTER COLUMN "units" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" DROP CONSTRAINT "sales_2006m2_units_check";--> statement-breakpoint
ALTER TABLE "public"."sales" ALTER COLUMN "id" SET DEFAULT 5;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" ALTER COLUMN "id" SET DEFAULT 7;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m3" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" ADD CONSTRAINT "sales_2006m2_units_check" CHECK (units >= 0);--> statement-breakpoint
ALTER TABLE "public"."sales" DETACH PARTITION "public"."sales_2006m4";--> statement-breakpoint
DROP TABLE "public"."sales_2006m4";