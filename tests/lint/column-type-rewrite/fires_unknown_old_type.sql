-- expect: column-type-rewrite warning
ALTER TABLE "users" ALTER COLUMN "score" TYPE bigint;
