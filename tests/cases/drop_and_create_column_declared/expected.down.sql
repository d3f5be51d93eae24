ALTER TABLE "public"."users" ADD COLUMN "bio" text;--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "about";