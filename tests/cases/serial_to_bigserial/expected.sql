ALTER TABLE "public"."counters" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER SEQUENCE "public"."counters_id_seq" AS bigint;