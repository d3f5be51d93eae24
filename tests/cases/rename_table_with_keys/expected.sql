ALTER TABLE "public"."people" RENAME TO "persons";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."persons"'::regclass AND conname = 'people_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_id_not_null" TO "persons_id_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_email_key" TO "persons_email_key";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_pkey" TO "persons_pkey";--> statement-breakpoint
ALTER INDEX "public"."people_email_idx" RENAME TO "persons_email_idx";