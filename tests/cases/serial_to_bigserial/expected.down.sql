ALTER TABLE "public"."counters" ALTER COLUMN "id" SET DATA TYPE integer;--> statement-breakpoint
ALTER SEQUENCE "public"."counters_id_seq" AS integer;