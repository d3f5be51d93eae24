REVOKE USAGE ON TYPE "public"."mood" FROM "pg_monitor";--> statement-breakpoint
ALTER TYPE "public"."mood" RENAME TO "mood__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."mood" AS ENUM('ok', 'sad');--> statement-breakpoint
DROP TYPE "public"."mood__pgshift_old";--> statement-breakpoint
GRANT USAGE ON TYPE "public"."mood" TO "pg_monitor";