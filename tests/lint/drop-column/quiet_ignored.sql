-- pgshift:ignore drop-column, missing-lock-timeout
ALTER TABLE "users" DROP COLUMN "legacy";
