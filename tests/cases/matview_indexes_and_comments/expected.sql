DROP INDEX CONCURRENTLY "public"."user_emails_old_idx";--> statement-breakpoint
COMMENT ON INDEX "public"."user_emails_email_idx" IS 'lookups by address';--> statement-breakpoint
CREATE UNIQUE INDEX CONCURRENTLY "user_emails_id_idx" ON "public"."user_emails" USING btree ("id");--> statement-breakpoint
COMMENT ON MATERIALIZED VIEW "public"."user_emails" IS NULL;--> statement-breakpoint
COMMENT ON COLUMN "public"."user_emails"."email" IS NULL;--> statement-breakpoint
COMMENT ON COLUMN "public"."user_emails"."id" IS 'the user';--> statement-breakpoint
COMMENT ON VIEW "public"."user_names" IS 'names only';--> statement-breakpoint
COMMENT ON COLUMN "public"."user_names"."name" IS 'as typed';