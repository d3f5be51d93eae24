ALTER TABLE "public"."posts" DROP CONSTRAINT "posts_slug_key";--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "bio";--> statement-breakpoint
ALTER TABLE "public"."posts" DROP COLUMN "views";--> statement-breakpoint
ALTER TABLE "public"."posts" DROP COLUMN "slug";