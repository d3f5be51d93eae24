ALTER TABLE "public"."people" RENAME TO "persons";--> statement-breakpoint
ALTER SEQUENCE "public"."people_id_seq" RENAME TO "persons_id_seq";--> statement-breakpoint
ALTER SEQUENCE "public"."people_num_seq" RENAME TO "persons_num_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'people_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_id_not_null" TO "persons_id_not_null";
	END IF;
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'people_num_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_num_not_null" TO "persons_num_not_null";
	END IF;
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'people_n_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_n_not_null" TO "persons_n_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME COLUMN "num" TO "number";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_num_seq" RENAME TO "persons_number_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'persons_num_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "persons_num_not_null" TO "persons_number_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_pkey" TO "persons_pkey";