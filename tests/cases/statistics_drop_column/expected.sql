DROP STATISTICS "public"."users_city_zip";--> statement-breakpoint
DROP STATISTICS "public"."users_name_zip";--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "zip";