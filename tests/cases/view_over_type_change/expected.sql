DROP VIEW "public"."karma_board";--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "karma" SET DATA TYPE bigint;--> statement-breakpoint
CREATE VIEW "public"."karma_board" AS (SELECT name, karma FROM users);