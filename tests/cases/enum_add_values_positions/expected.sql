ALTER TYPE "public"."role" ADD VALUE 'owner' BEFORE 'admin';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'editor' AFTER 'admin';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'guest';