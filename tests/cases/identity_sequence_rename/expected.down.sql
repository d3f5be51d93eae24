ALTER SEQUENCE "public"."a_ids" RENAME TO "a_id_seq";--> statement-breakpoint
ALTER TABLE "public"."a" ALTER COLUMN "id" SET GENERATED ALWAYS;