ALTER TABLE "public"."posts" ALTER CONSTRAINT "posts_author_id_fkey" ENFORCED;--> statement-breakpoint
ALTER TABLE "public"."users" DROP CONSTRAINT "users_email_check";--> statement-breakpoint
ALTER TABLE "public"."users" DROP CONSTRAINT "users_name_check";--> statement-breakpoint
ALTER TABLE "public"."users" ADD CONSTRAINT "users_name_check" CHECK (length(name) < 100);