-- pgshift:transaction off
CREATE INDEX CONCURRENTLY "users_name_idx" ON "public"."users" USING btree ("name");