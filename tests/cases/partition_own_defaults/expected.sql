CREATE TABLE "public"."sales_2006m4" PARTITION OF "public"."sales" (
	"units" WITH OPTIONS DEFAULT 1,
	CONSTRAINT "sales_2006m4_units_check" CHECK (units < 100)
) FOR VALUES FROM ('2006-04-01') TO ('2006-05-01');
--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" DROP CONSTRAINT "sales_2006m2_units_check";--> statement-breakpoint
ALTER TABLE "public"."sales" ALTER COLUMN "id" SET DEFAULT 6;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" ALTER COLUMN "id" SET DEFAULT 7;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" ADD CONSTRAINT "sales_2006m2_units_check" CHECK (units > 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" VALIDATE CONSTRAINT "sales_2006m2_units_check";--> statement-breakpoint
ALTER TABLE "public"."sales_2006m2" ALTER COLUMN "units" DROP DEFAULT;