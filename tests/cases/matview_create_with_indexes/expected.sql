CREATE MATERIALIZED VIEW "public"."user_emails" AS (SELECT id, email FROM users);--> statement-breakpoint
CREATE UNIQUE INDEX "user_emails_id_idx" ON "public"."user_emails" USING btree ("id");--> statement-breakpoint
COMMENT ON INDEX "public"."user_emails_id_idx" IS 'for REFRESH CONCURRENTLY';--> statement-breakpoint
COMMENT ON MATERIALIZED VIEW "public"."user_emails" IS 'one row per user';--> statement-breakpoint
COMMENT ON COLUMN "public"."user_emails"."email" IS 'the address';