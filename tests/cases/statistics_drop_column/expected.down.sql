-- pgshift:data-loss column users.zip comes back empty
ALTER TABLE "public"."users" ADD COLUMN "zip" text;--> statement-breakpoint
CREATE STATISTICS public.users_name_zip ON name, zip FROM users;--> statement-breakpoint
CREATE STATISTICS public.users_city_zip (dependencies) ON city, zip FROM users;--> statement-breakpoint
ALTER STATISTICS "public"."users_city_zip" SET STATISTICS 250;--> statement-breakpoint
COMMENT ON STATISTICS "public"."users_city_zip" IS 'city decides zip';