REVOKE SELECT ("email") ON TABLE "public"."accounts" FROM "pg_monitor";--> statement-breakpoint
ALTER TABLE "public"."accounts" RENAME TO "users";--> statement-breakpoint
ALTER SEQUENCE "public"."accounts_id_seq" RENAME TO "users_id_seq";--> statement-breakpoint
GRANT SELECT ("email") ON TABLE "public"."users" TO "pg_monitor";