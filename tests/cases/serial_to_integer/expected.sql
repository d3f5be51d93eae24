ALTER TABLE "public"."counters" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
DROP SEQUENCE "public"."counters_id_seq";