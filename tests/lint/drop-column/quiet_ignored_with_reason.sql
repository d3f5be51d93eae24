ALTER TABLE "users" ADD COLUMN "x" text;
--> statement-breakpoint
-- pgshift:ignore drop-column
-- legacy column, unused since release 41 (ticket 1234)
ALTER TABLE "users" DROP COLUMN "legacy";
