DROP TABLE "posts";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "bio";