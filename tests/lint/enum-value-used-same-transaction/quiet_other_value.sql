ALTER TYPE "public"."status" ADD VALUE 'archived';
UPDATE "posts" SET "status" = 'draft' WHERE "deleted";
