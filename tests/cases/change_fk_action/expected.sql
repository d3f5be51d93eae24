ALTER TABLE "public"."posts" DROP CONSTRAINT "posts_author_id_fkey";--> statement-breakpoint
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."posts" VALIDATE CONSTRAINT "posts_author_id_fkey";