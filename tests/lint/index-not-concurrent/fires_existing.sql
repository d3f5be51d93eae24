-- expect: index-not-concurrent
CREATE INDEX "users_email_idx" ON "users" USING btree ("email");
