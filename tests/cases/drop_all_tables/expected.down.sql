-- pgshift:data-loss table posts comes back empty
-- pgshift:data-loss table users comes back empty
CREATE TABLE "public"."users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE TABLE "public"."posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer
);
--> statement-breakpoint
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
DROP TABLE "public"."keep";