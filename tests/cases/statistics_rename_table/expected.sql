DROP STATISTICS "public"."persons_name_city";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME TO "people";--> statement-breakpoint
CREATE STATISTICS public.persons_name_city ON name, city FROM people;--> statement-breakpoint
ALTER STATISTICS "public"."persons_name_city" SET STATISTICS 50;