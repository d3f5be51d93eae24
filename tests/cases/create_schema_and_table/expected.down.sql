DROP TABLE "auth"."sessions";--> statement-breakpoint
DROP SCHEMA "auth";