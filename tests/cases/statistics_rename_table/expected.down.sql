DROP STATISTICS "public"."persons_name_city";--> statement-breakpoint
ALTER TABLE "public"."people" RENAME TO "persons";--> statement-breakpoint
CREATE STATISTICS public.persons_name_city ON name, city FROM persons;--> statement-breakpoint
ALTER STATISTICS "public"."persons_name_city" SET STATISTICS 50;