-- pgshift:data-loss table sales_us comes back empty
CREATE SERVER "old_srv" FOREIGN DATA WRAPPER "lab_fdw";--> statement-breakpoint
CREATE FOREIGN TABLE "public"."archive" (
	"id" integer
) SERVER "old_srv";
--> statement-breakpoint
ALTER FOREIGN TABLE "public"."sales_eu" OPTIONS (DROP "schema_name", SET "table_name" 'eu');--> statement-breakpoint
COMMENT ON FOREIGN TABLE "public"."sales_eu" IS NULL;--> statement-breakpoint
ALTER FOREIGN TABLE "public"."films" OPTIONS (DROP "schema_name", SET "table_name" 'films');--> statement-breakpoint
COMMENT ON FOREIGN TABLE "public"."films" IS NULL;--> statement-breakpoint
ALTER TABLE "public"."films" DROP CONSTRAINT "films_rating_check";--> statement-breakpoint
ALTER TABLE "public"."films" DROP COLUMN "rating";--> statement-breakpoint
COMMENT ON COLUMN "public"."films"."title" IS NULL;--> statement-breakpoint
ALTER FOREIGN TABLE "public"."films" ALTER COLUMN "id" OPTIONS (SET "column_name" 'film_id');--> statement-breakpoint
ALTER TABLE "public"."sales" DETACH PARTITION "public"."sales_us";--> statement-breakpoint
DROP FOREIGN TABLE "public"."sales_us";--> statement-breakpoint
ALTER TABLE "public"."sales" DETACH PARTITION "public"."sales_asia";--> statement-breakpoint
DROP FOREIGN TABLE "public"."sales_asia";--> statement-breakpoint
DROP FOREIGN TABLE "public"."moved";--> statement-breakpoint
DROP FOREIGN TABLE "public"."fresh";--> statement-breakpoint
DROP SERVER "new_srv";--> statement-breakpoint
ALTER SERVER "films_srv" VERSION '15';--> statement-breakpoint
ALTER SERVER "films_srv" OPTIONS (DROP "dbname", SET "host" 'a', ADD "port" '1');--> statement-breakpoint
COMMENT ON SERVER "films_srv" IS NULL;--> statement-breakpoint
ALTER FOREIGN DATA WRAPPER "lab_fdw" OPTIONS (DROP "trace", SET "debug" 'true');--> statement-breakpoint
COMMENT ON FOREIGN DATA WRAPPER "lab_fdw" IS NULL;--> statement-breakpoint
CREATE TABLE "public"."sales_us" PARTITION OF "public"."sales" FOR VALUES IN ('us');--> statement-breakpoint
CREATE FOREIGN TABLE "public"."moved" (
	"id" integer
) SERVER "films_srv";
