DROP INDEX "public"."users_name_idx";--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "public"."users" USING btree ("name");