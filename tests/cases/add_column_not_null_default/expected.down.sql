ALTER TABLE "public"."users" DROP COLUMN "joined";--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "karma";