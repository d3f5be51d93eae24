DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'email_required' AND contype = 'n') THEN
		ALTER TABLE "public"."users" RENAME CONSTRAINT "email_required" TO "users_email_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."notes" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "public"."notes" ALTER COLUMN "body" DROP NOT NULL;