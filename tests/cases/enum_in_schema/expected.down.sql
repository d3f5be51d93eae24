DROP TABLE "app"."people";--> statement-breakpoint
DROP TYPE "app"."mood";--> statement-breakpoint
DROP SCHEMA "app";