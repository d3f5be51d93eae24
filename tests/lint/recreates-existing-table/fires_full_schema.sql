-- lint: previous=../column-type-rewrite/prev_users.json
-- expect: recreates-existing-table
CREATE TABLE "users" ("name" varchar(50), "score" integer, "price" numeric(10, 2));
