-- pgshift:transaction off
ALTER TABLE "posts" ADD CONSTRAINT "fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") NOT VALID;
ALTER TABLE "posts" VALIDATE CONSTRAINT "fk";
