UPDATE "users" SET "active" = true WHERE "active" IS NULL;
