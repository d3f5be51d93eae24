ALTER TYPE "public"."account_status" RENAME TO "account_status__pgshift_old";--> statement-breakpoint
CREATE TYPE "public"."account_status" AS ENUM('active', 'closed');--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "status" SET DATA TYPE "public"."account_status" USING "status"::text::"public"."account_status";--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "status" SET DEFAULT 'active';--> statement-breakpoint
DROP TYPE "public"."account_status__pgshift_old";--> statement-breakpoint
ALTER TABLE "public"."entries" DROP CONSTRAINT "entries_account_id_fkey";--> statement-breakpoint
ALTER TABLE "public"."accounts" ALTER COLUMN "name" SET DATA TYPE varchar(200);--> statement-breakpoint
ALTER TABLE "public"."accounts" ADD COLUMN "balance_cents" numeric(14, 0) GENERATED ALWAYS AS (balance * 100) STORED;--> statement-breakpoint
COMMENT ON COLUMN "public"."entries"."memo" IS 'free text';--> statement-breakpoint
ALTER TABLE "public"."accounts" ADD CONSTRAINT "accounts_balance_check" CHECK (balance >= 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."accounts" VALIDATE CONSTRAINT "accounts_balance_check";--> statement-breakpoint
CREATE INDEX CONCURRENTLY "accounts_active_name_idx" ON "public"."accounts" USING btree ("name") WHERE status = 'active';--> statement-breakpoint
ALTER TABLE "public"."entries" ADD CONSTRAINT "entries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."entries" VALIDATE CONSTRAINT "entries_account_id_fkey";