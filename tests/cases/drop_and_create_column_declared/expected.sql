ALTER TABLE "public"."users" ADD COLUMN "about" text;--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "bio";