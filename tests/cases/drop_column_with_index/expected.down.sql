-- pgshift:data-loss column users.nickname comes back empty
ALTER TABLE "public"."users" ADD COLUMN "nickname" text;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "users_nickname_idx" ON "public"."users" USING btree ("nickname");