-- pgshift:data-loss column users.role comes back empty
CREATE TYPE "public"."role" AS ENUM('admin', 'user');--> statement-breakpoint
ALTER TABLE "public"."users" ADD COLUMN "role" "public"."role";