-- pgshift:data-loss column users.bio comes back empty
ALTER TABLE "public"."users" ADD COLUMN "bio" text;--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "about";