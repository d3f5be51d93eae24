ALTER TABLE "public"."notes" ALTER COLUMN "body" SET NOT NULL;--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."notes"'::regclass AND conname = 'notes_body_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."notes" RENAME CONSTRAINT "notes_body_not_null" TO "body_required";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."notes" ADD COLUMN "title" text DEFAULT '' CONSTRAINT "title_required" NOT NULL;--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'users_email_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."users" RENAME CONSTRAINT "users_email_not_null" TO "email_required";
	END IF;
END $pgshift$;
