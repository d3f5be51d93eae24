ALTER TABLE "public"."users" DROP COLUMN "role";--> statement-breakpoint
DROP TYPE "public"."role";