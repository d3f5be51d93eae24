-- pgshift:data-loss table members comes back empty
CREATE TABLE "public"."members" (
	"id" integer PRIMARY KEY NOT NULL,
	"role" "public"."role"
);
--> statement-breakpoint
ALTER TYPE "public"."role" RENAME TO "role__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'guest', 'user');--> statement-breakpoint
ALTER TABLE "public"."members" ALTER COLUMN "role" SET DATA TYPE "public"."role" USING "role"::text::"public"."role";--> statement-breakpoint
ALTER TABLE "public"."members" ALTER COLUMN "role" SET DEFAULT 'guest'::role;--> statement-breakpoint
DROP TYPE "public"."role__pgshift_old";