DROP STATISTICS "public"."persons_name_city";--> statement-breakpoint
ALTER TABLE "public"."people" RENAME TO "persons";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'people_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_id_not_null" TO "persons_id_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
CREATE STATISTICS public.persons_name_city ON name, city FROM persons;--> statement-breakpoint
ALTER STATISTICS "public"."persons_name_city" SET STATISTICS 50;