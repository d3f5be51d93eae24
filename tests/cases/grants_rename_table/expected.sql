REVOKE SELECT ("email") ON TABLE "public"."users" FROM "pg_monitor";--> statement-breakpoint
ALTER TABLE "public"."users" RENAME TO "accounts";--> statement-breakpoint
ALTER SEQUENCE "public"."users_id_seq" RENAME TO "accounts_id_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."accounts"'::regclass AND conname = 'users_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."accounts" RENAME CONSTRAINT "users_id_not_null" TO "accounts_id_not_null";
	END IF;
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."accounts"'::regclass AND conname = 'users_email_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."accounts" RENAME CONSTRAINT "users_email_not_null" TO "accounts_email_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
GRANT SELECT ("email") ON TABLE "public"."accounts" TO "pg_monitor";