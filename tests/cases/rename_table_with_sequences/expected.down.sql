ALTER TABLE "public"."persons" RENAME CONSTRAINT "persons_pkey" TO "people_pkey";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME COLUMN "number" TO "num";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_number_seq" RENAME TO "persons_num_seq";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME TO "people";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_id_seq" RENAME TO "people_id_seq";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_num_seq" RENAME TO "people_num_seq";