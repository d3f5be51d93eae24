ALTER TABLE "public"."counters" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
ALTER SEQUENCE "public"."counters_id_seq" OWNED BY NONE;