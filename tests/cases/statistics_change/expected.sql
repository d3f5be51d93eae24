DROP STATISTICS "public"."users_city_zip";--> statement-breakpoint
DROP STATISTICS "public"."visits_day_page";--> statement-breakpoint
CREATE STATISTICS public.users_city_zip (ndistinct, dependencies) ON city, zip FROM users;--> statement-breakpoint
ALTER STATISTICS "public"."users_name_city" SET STATISTICS 0;--> statement-breakpoint
COMMENT ON STATISTICS "public"."users_name_city" IS 'new';--> statement-breakpoint
CREATE STATISTICS stats.users_email_domain ON city, lower(email::text) FROM users;--> statement-breakpoint
DROP TABLE "public"."visits";