ALTER TABLE "public"."people" RENAME TO "persons";--> statement-breakpoint
ALTER SEQUENCE "public"."people_id_seq" RENAME TO "persons_id_seq";--> statement-breakpoint
ALTER SEQUENCE "public"."people_num_seq" RENAME TO "persons_num_seq";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME COLUMN "num" TO "number";--> statement-breakpoint
ALTER SEQUENCE "public"."persons_num_seq" RENAME TO "persons_number_seq";--> statement-breakpoint
ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_pkey" TO "persons_pkey";