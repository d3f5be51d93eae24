-- pgshift:transaction off
ALTER TYPE "public"."status" ADD VALUE 'archived';
UPDATE "posts" SET "status" = 'archived' WHERE "deleted";
