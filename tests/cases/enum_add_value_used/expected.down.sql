ALTER TABLE "public"."users" DROP COLUMN "role";--> statement-breakpoint
ALTER TYPE "public"."role" RENAME TO "role__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'user');--> statement-breakpoint
DROP TYPE "public"."role__pgshift_old";