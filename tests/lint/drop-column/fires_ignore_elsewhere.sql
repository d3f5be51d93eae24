-- pgshift:ignore drop-column
ALTER TABLE "users" DROP COLUMN "a";
SELECT '-- pgshift:ignore drop-column';
-- expect: drop-column
ALTER TABLE "users" DROP COLUMN "b";
-- pgshift:ignore drop-table
-- expect: drop-column
ALTER TABLE "users" DROP COLUMN "c";
