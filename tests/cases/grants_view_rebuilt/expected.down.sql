REVOKE SELECT ON TABLE "public"."emails" FROM "pg_monitor";--> statement-breakpoint
DROP VIEW "public"."emails";--> statement-breakpoint
CREATE VIEW "public"."emails" AS (SELECT id, email FROM users);--> statement-breakpoint
GRANT SELECT ON TABLE "public"."emails" TO "pg_monitor";