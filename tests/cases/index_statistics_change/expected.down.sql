ALTER INDEX "public"."users_name_len_idx" ALTER COLUMN 2 SET STATISTICS 50;--> statement-breakpoint
ALTER INDEX "public"."users_lower_email_idx" ALTER COLUMN 1 SET STATISTICS -1;--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."users_new_idx";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "users_gone_idx" ON "public"."users" USING btree ((upper(name)));--> statement-breakpoint
ALTER INDEX "public"."users_gone_idx" ALTER COLUMN 1 SET STATISTICS 10;