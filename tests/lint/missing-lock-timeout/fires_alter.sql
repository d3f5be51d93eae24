-- expect: missing-lock-timeout
ALTER TABLE "users" ADD COLUMN "bio" text;
ALTER TABLE "users" ADD COLUMN "bio2" text;
