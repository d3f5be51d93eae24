REVOKE SELECT ("email") ON TABLE "public"."users" FROM "pg_monitor";--> statement-breakpoint
ALTER TABLE "public"."users" RENAME TO "accounts";--> statement-breakpoint
ALTER SEQUENCE "public"."users_id_seq" RENAME TO "accounts_id_seq";--> statement-breakpoint
GRANT SELECT ("email") ON TABLE "public"."accounts" TO "pg_monitor";