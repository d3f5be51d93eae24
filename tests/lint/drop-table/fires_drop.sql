-- expect: drop-table
DROP TABLE "users";
-- expect: drop-table
DROP TABLE IF EXISTS audit.log CASCADE;
