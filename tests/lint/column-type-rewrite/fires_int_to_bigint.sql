-- lint: previous=prev_users.json
-- expect: column-type-rewrite
ALTER TABLE "users" ALTER COLUMN "score" SET DATA TYPE bigint;
-- expect: column-type-rewrite
ALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE varchar(20);
