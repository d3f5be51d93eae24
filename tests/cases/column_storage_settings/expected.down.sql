ALTER TABLE "public"."docs" DROP COLUMN "note";--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "kind" RESET (n_distinct_inherited);--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "kind" SET (n_distinct = 10);--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "blob" SET COMPRESSION pglz;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "body" SET STATISTICS 500;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "body" SET STORAGE EXTERNAL;--> statement-breakpoint
DROP TABLE "public"."tags";