DROP FOREIGN TABLE "public"."moved";--> statement-breakpoint
ALTER TABLE "public"."sales" DETACH PARTITION "public"."sales_us";--> statement-breakpoint
DROP TABLE "public"."sales_us";--> statement-breakpoint
ALTER FOREIGN DATA WRAPPER "lab_fdw" OPTIONS (SET "debug" 'false', ADD "trace" 'on');--> statement-breakpoint
COMMENT ON FOREIGN DATA WRAPPER "lab_fdw" IS 'for tests';--> statement-breakpoint
ALTER SERVER "films_srv" VERSION '16';--> statement-breakpoint
ALTER SERVER "films_srv" OPTIONS (DROP "port", ADD "dbname" 'cinema', SET "host" 'b');--> statement-breakpoint
COMMENT ON SERVER "films_srv" IS 'the films database';--> statement-breakpoint
CREATE SERVER "new_srv" FOREIGN DATA WRAPPER "lab_fdw" OPTIONS ("host" 'c');--> statement-breakpoint
CREATE FOREIGN TABLE "public"."fresh" (
	"id" integer NOT NULL
) SERVER "new_srv" OPTIONS ("table_name" 'f');
--> statement-breakpoint
CREATE FOREIGN TABLE "public"."moved" (
	"id" integer
) SERVER "new_srv";
--> statement-breakpoint
CREATE FOREIGN TABLE "public"."sales_asia" PARTITION OF "public"."sales" FOR VALUES IN ('asia') SERVER "new_srv";--> statement-breakpoint
CREATE FOREIGN TABLE "public"."sales_us" PARTITION OF "public"."sales" FOR VALUES IN ('us') SERVER "new_srv";--> statement-breakpoint
ALTER FOREIGN TABLE "public"."films" ALTER COLUMN "id" OPTIONS (SET "column_name" 'fid');--> statement-breakpoint
COMMENT ON COLUMN "public"."films"."title" IS 'as released';--> statement-breakpoint
ALTER TABLE "public"."films" ADD COLUMN "rating" smallint OPTIONS ("column_name" 'stars') DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "public"."films" ADD CONSTRAINT "films_rating_check" CHECK (rating >= 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."films" VALIDATE CONSTRAINT "films_rating_check";--> statement-breakpoint
COMMENT ON FOREIGN TABLE "public"."films" IS 'films on the remote server';--> statement-breakpoint
ALTER FOREIGN TABLE "public"."films" OPTIONS (ADD "schema_name" 'public', SET "table_name" 'film');--> statement-breakpoint
COMMENT ON FOREIGN TABLE "public"."sales_eu" IS 'europe, remote';--> statement-breakpoint
ALTER FOREIGN TABLE "public"."sales_eu" OPTIONS (ADD "schema_name" 'x', SET "table_name" 'europe');--> statement-breakpoint
DROP FOREIGN TABLE "public"."archive";--> statement-breakpoint
DROP SERVER "old_srv";