-- pgshift:data-loss table posts comes back empty
CREATE TABLE "public"."posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer
);
--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "public"."posts" USING btree ("author_id");--> statement-breakpoint
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;