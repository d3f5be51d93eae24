-- lint: previous=../column-type-rewrite/prev_users.json
CREATE TABLE "orders" ("id" bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "users" ("name" varchar(50));
