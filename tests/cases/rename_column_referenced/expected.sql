ALTER TABLE "public"."a" RENAME COLUMN "code" TO "key";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."a"'::regclass AND conname = 'a_code_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."a" RENAME CONSTRAINT "a_code_not_null" TO "a_key_not_null";
	END IF;
END $pgshift$;
