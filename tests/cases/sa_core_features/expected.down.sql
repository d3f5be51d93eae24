ALTER TABLE "public"."entries" DROP CONSTRAINT "entries_account_id_fkey";--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."accounts_active_name_idx";--> statement-breakpoint
ALTER TABLE "public"."accounts" DROP CONSTRAINT "accounts_balance_check";--> statement-breakpoint
COMMENT ON COLUMN "public"."entries"."memo" IS NULL;--> statement-breakpoint
ALTER TABLE "public"."accounts" DROP COLUMN "balance_cents";--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "name" SET DATA TYPE varchar(100);--> statement-breakpoint
ALTER TABLE "public"."entries" ADD CONSTRAINT "entries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TYPE "public"."account_status" RENAME TO "account_status__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."account_status" AS ENUM('active', 'suspended', 'closed');--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "status" SET DATA TYPE "public"."account_status" USING "status"::text::"public"."account_status";--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "status" SET DEFAULT 'active';--> statement-breakpoint
DROP TYPE "public"."account_status__pgshift_old";