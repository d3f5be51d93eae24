-- expect: fk-without-not-valid
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade;
