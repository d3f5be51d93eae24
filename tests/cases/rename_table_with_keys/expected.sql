ALTER TABLE "public"."people" RENAME TO "persons";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_email_key" TO "persons_email_key";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_pkey" TO "persons_pkey";--> statement-breakpoint
ALTER INDEX "public"."people_email_idx" RENAME TO "persons_email_idx";