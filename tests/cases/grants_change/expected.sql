REVOKE SELECT ON TABLE "public"."legacy" FROM "pg_monitor";--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "app" REVOKE EXECUTE ON FUNCTIONS FROM "pg_monitor";--> statement-breakpoint
CREATE TYPE "app"."mood" AS ENUM('ok', 'sad');--> statement-breakpoint
CREATE SEQUENCE "app"."ticket";--> statement-breakpoint
GRANT USAGE ON SCHEMA "app" TO "pg_monitor";--> statement-breakpoint
GRANT SELECT ON SEQUENCE "app"."ticket" TO PUBLIC;--> statement-breakpoint
GRANT USAGE ON SEQUENCE "app"."ticket" TO "pg_monitor" WITH GRANT OPTION;--> statement-breakpoint
REVOKE INSERT ON TABLE "public"."users" FROM "pg_monitor";--> statement-breakpoint
GRANT UPDATE ("email") ON TABLE "public"."users" TO "pg_monitor";--> statement-breakpoint
GRANT USAGE ON TYPE "app"."mood" TO "pg_monitor";--> statement-breakpoint
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO "pg_monitor" WITH GRANT OPTION;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "app" GRANT SELECT ON TABLES TO "pg_monitor";--> statement-breakpoint
DROP TABLE "public"."legacy";