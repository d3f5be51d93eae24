-- lint: previous=prev_users.json
ALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE text;
ALTER TABLE "users" ALTER COLUMN "price" SET DATA TYPE numeric(12, 2);
