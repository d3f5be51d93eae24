ALTER TYPE "public"."status" ADD VALUE 'archived';
--> statement-breakpoint
-- expect: enum-value-used-same-transaction
UPDATE "posts" SET "status" = 'archived' WHERE "deleted";
