DROP INDEX CONCURRENTLY "public"."users_gone_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "users_new_idx" ON "public"."users" USING btree ((id + 1));--> statement-breakpoint
ALTER INDEX "public"."users_new_idx" ALTER COLUMN 1 SET STATISTICS 0;--> statement-breakpoint
COMMENT ON INDEX "public"."users_new_idx" IS 'a new one';--> statement-breakpoint
ALTER INDEX "public"."users_lower_email_idx" ALTER COLUMN 1 SET STATISTICS 500;--> statement-breakpoint
ALTER INDEX "public"."users_name_len_idx" ALTER COLUMN 2 SET STATISTICS -1;