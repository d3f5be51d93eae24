ALTER TABLE "public"."users" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
DROP TABLE "public"."notes";