-- expect: add-column-volatile-default
ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();
-- expect: add-column-volatile-default
ALTER TABLE "users" ADD COLUMN "seen" timestamptz DEFAULT clock_timestamp();
-- expect: add-column-volatile-default
ALTER TABLE "users" ADD COLUMN "r" double precision DEFAULT (random() * 10);
