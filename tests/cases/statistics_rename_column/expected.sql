DROP STATISTICS "public"."users_city_name";--> statement-breakpoint
ALTER TABLE "public"."users" RENAME COLUMN "city" TO "town";--> statement-breakpoint
CREATE STATISTICS public.users_city_name ON name, town FROM users;--> statement-breakpoint
ALTER STATISTICS "public"."users_city_name" SET STATISTICS 20;