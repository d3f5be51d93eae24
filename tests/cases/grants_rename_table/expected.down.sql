REVOKE SELECT ("email") ON TABLE "public"."accounts" FROM "pg_monitor";--> statement-breakpoint
ALTER TABLE "public"."accounts" RENAME TO "users";--> statement-breakpoint
ALTER SEQUENCE "public"."accounts_id_seq" RENAME TO "users_id_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'accounts_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."users" RENAME CONSTRAINT "accounts_id_not_null" TO "users_id_not_null";
	END IF;
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."users"'::regclass AND conname = 'accounts_email_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."users" RENAME CONSTRAINT "accounts_email_not_null" TO "users_email_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
GRANT SELECT ("email") ON TABLE "public"."users" TO "pg_monitor";