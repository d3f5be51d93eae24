DROP INDEX CONCURRENTLY "public"."users_nickname_idx";--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "nickname";