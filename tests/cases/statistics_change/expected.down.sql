-- pgshift:data-loss table visits comes back empty
CREATE TABLE "public"."visits" (
	"id" integer NOT NULL,
	"day" date,
	"page" text
);
--> statement-breakpoint
DROP STATISTICS "stats"."users_email_domain";--> statement-breakpoint
COMMENT ON STATISTICS "public"."users_name_city" IS 'old';--> statement-breakpoint
ALTER STATISTICS "public"."users_name_city" SET STATISTICS 100;--> statement-breakpoint
DROP STATISTICS "public"."users_city_zip";--> statement-breakpoint
CREATE STATISTICS public.visits_day_page ON day, page FROM visits;--> statement-breakpoint
CREATE STATISTICS public.users_city_zip (dependencies) ON city, zip FROM users;