ALTER TYPE "public"."mood" RENAME TO "mood__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."mood" AS ENUM('sad', 'meh', 'ok');--> statement-breakpoint
COMMENT ON TYPE "public"."mood" IS 'how it went';--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "mood" SET DATA TYPE "public"."mood" USING "mood"::text::"public"."mood";--> statement-breakpoint
DROP TYPE "public"."mood__pgshift_old";