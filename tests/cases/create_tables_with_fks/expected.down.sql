ALTER TABLE "public"."posts" DROP CONSTRAINT "posts_editor_id_fkey";--> statement-breakpoint
ALTER TABLE "public"."posts" DROP CONSTRAINT "posts_author_id_fkey";--> statement-breakpoint
DROP TABLE "public"."users";--> statement-breakpoint
DROP TABLE "public"."posts";