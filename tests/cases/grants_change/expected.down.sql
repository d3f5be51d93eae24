-- pgshift:data-loss table legacy comes back empty
CREATE TABLE "public"."legacy" (
	"x" text
);
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "app" REVOKE SELECT ON TABLES FROM "pg_monitor";--> statement-breakpoint
ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SEQUENCES FROM "pg_monitor";--> statement-breakpoint
REVOKE USAGE ON TYPE "app"."mood" FROM "pg_monitor";--> statement-breakpoint
REVOKE UPDATE ("email") ON TABLE "public"."users" FROM "pg_monitor";--> statement-breakpoint
GRANT INSERT ON TABLE "public"."users" TO "pg_monitor";--> statement-breakpoint
REVOKE USAGE ON SEQUENCE "app"."ticket" FROM "pg_monitor";--> statement-breakpoint
REVOKE SELECT ON SEQUENCE "app"."ticket" FROM PUBLIC;--> statement-breakpoint
REVOKE USAGE ON SCHEMA "app" FROM "pg_monitor";--> statement-breakpoint
DROP SEQUENCE "app"."ticket";--> statement-breakpoint
DROP TYPE "app"."mood";--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "app" GRANT EXECUTE ON FUNCTIONS TO "pg_monitor";--> statement-breakpoint
GRANT SELECT ON TABLE "public"."legacy" TO "pg_monitor";