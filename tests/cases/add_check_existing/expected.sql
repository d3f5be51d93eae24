ALTER TABLE "public"."users" ADD CONSTRAINT "users_name_check" CHECK (length(name) < 100) NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_name_check";