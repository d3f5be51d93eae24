ALTER TABLE "public"."a" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "public"."a" ALTER COLUMN "id" DROP NOT NULL;