DROP STATISTICS "public"."persons_name_city";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME TO "people";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."people"'::regclass AND conname = 'persons_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."people" RENAME CONSTRAINT "persons_id_not_null" TO "people_id_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
CREATE STATISTICS public.persons_name_city ON name, city FROM people;--> statement-breakpoint
ALTER STATISTICS "public"."persons_name_city" SET STATISTICS 50;