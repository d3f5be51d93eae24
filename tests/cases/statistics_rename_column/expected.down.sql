DROP STATISTICS "public"."users_city_name";--> statement-breakpoint
ALTER TABLE "public"."users" RENAME COLUMN "town" TO "city";--> statement-breakpoint
CREATE STATISTICS public.users_city_name ON name, city FROM users;--> statement-breakpoint
ALTER STATISTICS "public"."users_city_name" SET STATISTICS 20;