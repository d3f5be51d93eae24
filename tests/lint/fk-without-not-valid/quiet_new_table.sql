CREATE TABLE "posts" ("id" bigint PRIMARY KEY, "author_id" bigint);
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id");
