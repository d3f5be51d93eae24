ALTER TABLE "log"."audit" DROP CONSTRAINT "audit_user_id_fkey";--> statement-breakpoint
DROP TABLE "public"."users";--> statement-breakpoint
DROP TABLE "log"."audit";--> statement-breakpoint
DROP SCHEMA "log";