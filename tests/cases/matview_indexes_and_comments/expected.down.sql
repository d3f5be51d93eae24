COMMENT ON COLUMN "public"."user_names"."name" IS NULL;--> statement-breakpoint
COMMENT ON VIEW "public"."user_names" IS NULL;--> statement-breakpoint
COMMENT ON COLUMN "public"."user_emails"."id" IS NULL;--> statement-breakpoint
COMMENT ON COLUMN "public"."user_emails"."email" IS 'the address';--> statement-breakpoint
COMMENT ON MATERIALIZED VIEW "public"."user_emails" IS 'old text';--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."user_emails_id_idx";--> statement-breakpoint
COMMENT ON INDEX "public"."user_emails_email_idx" IS NULL;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "user_emails_old_idx" ON "public"."user_emails" USING btree ("email", "id");