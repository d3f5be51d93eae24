CREATE TABLE "public"."tags" (
	"id" serial PRIMARY KEY NOT NULL,
	"label" text
);
--> statement-breakpoint
ALTER TABLE "public"."tags" ALTER COLUMN "label" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "body" SET STATISTICS -1;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "body" SET STORAGE EXTENDED;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "blob" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "kind" SET (n_distinct = -0.5, n_distinct_inherited = 3);--> statement-breakpoint
ALTER TABLE "public"."docs" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "note" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "public"."docs" ALTER COLUMN "note" SET STORAGE MAIN;