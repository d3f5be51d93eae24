ALTER TABLE "public"."posts" ADD COLUMN "slug" varchar(200);--> statement-breakpoint
ALTER TABLE "public"."posts" ADD COLUMN "views" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "public"."users" ADD COLUMN "bio" text;--> statement-breakpoint
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_slug_key" UNIQUE("slug");