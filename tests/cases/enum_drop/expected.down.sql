CREATE TYPE "public"."role" AS ENUM('admin', 'user');--> statement-breakpoint
ALTER TABLE "public"."users" ADD COLUMN "role" "public"."role";