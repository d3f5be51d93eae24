CREATE INDEX CONCURRENTLY "i" ON "users" ("email");
