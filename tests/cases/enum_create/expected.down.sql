DROP TABLE "public"."users";--> statement-breakpoint
DROP TYPE "public"."role";