BEGIN;
-- expect: concurrently-in-transaction
CREATE INDEX CONCURRENTLY "i" ON "users" ("email");
COMMIT;
