ALTER TYPE "public"."role" RENAME TO "role__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'user');--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "role" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "role" SET DATA TYPE "public"."role" USING "role"::text::"public"."role";--> statement-breakpoint
DROP TYPE "public"."role__pgshift_old";--> statement-breakpoint
ALTER TABLE "public"."users" DROP COLUMN "role";