CREATE TABLE "tags" ("id" bigint, "name" text);
ALTER TABLE "tags" ADD CONSTRAINT "tags_name_unique" UNIQUE ("name");
ALTER TABLE "tags" ADD COLUMN "slug" text UNIQUE;
