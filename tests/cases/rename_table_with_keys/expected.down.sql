ALTER INDEX "public"."persons_email_idx" RENAME TO "people_email_idx";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "persons_pkey" TO "people_pkey";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "persons_email_key" TO "people_email_key";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME TO "people";