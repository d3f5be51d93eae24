-- pgshift:data-loss column users.role comes back empty
ALTER TABLE "public"."users" ADD COLUMN "role" "public"."role";--> statement-breakpoint
ALTER TYPE "public"."role" RENAME TO "role__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'guest', 'user');--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "role" SET DATA TYPE "public"."role" USING "role"::text::"public"."role";--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "role" SET DEFAULT 'guest'::role;--> statement-breakpoint
DROP TYPE "public"."role__pgshift_old";