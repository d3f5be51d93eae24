-- lint: previous=../column-type-rewrite/prev_users.json
CREATE TABLE "orders" ("id" bigint PRIMARY KEY);
