ALTER TABLE "posts" ADD CONSTRAINT "fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") NOT VALID;
-- expect: validate-same-transaction
ALTER TABLE "posts" VALIDATE CONSTRAINT "fk";
