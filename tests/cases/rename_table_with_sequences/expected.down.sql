ALTER TABLE "public"."persons" RENAME CONSTRAINT "persons_pkey" TO "people_pkey";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME COLUMN "number" TO "num";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_number_seq" RENAME TO "persons_num_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'persons_number_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "persons_number_not_null" TO "persons_num_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME TO "people";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_id_seq" RENAME TO "people_id_seq";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_num_seq" RENAME TO "people_num_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."people"'::regclass AND conname = 'persons_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."people" RENAME CONSTRAINT "persons_id_not_null" TO "people_id_not_null";
	END IF;
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."people"'::regclass AND conname = 'persons_num_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."people" RENAME CONSTRAINT "persons_num_not_null" TO "people_num_not_null";
	END IF;
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."people"'::regclass AND conname = 'persons_n_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."people" RENAME CONSTRAINT "persons_n_not_null" TO "people_n_not_null";
	END IF;
END $pgshift$;
