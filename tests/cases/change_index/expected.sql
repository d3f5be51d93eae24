DROP INDEX CONCURRENTLY "public"."users_name_idx";--> statement-breakpoint
CREATE UNIQUE INDEX CONCURRENTLY "users_name_idx" ON "public"."users" USING btree ("name", "email");