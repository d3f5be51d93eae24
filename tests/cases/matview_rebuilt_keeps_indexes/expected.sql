DROP MATERIALIZED VIEW "public"."user_emails";--> statement-breakpoint
CREATE MATERIALIZED VIEW "public"."user_emails" AS (SELECT id, email, name FROM users);--> statement-breakpoint
CREATE UNIQUE INDEX "user_emails_id_idx" ON "public"."user_emails" USING btree ("id");--> statement-breakpoint
COMMENT ON MATERIALIZED VIEW "public"."user_emails" IS 'one row per user';