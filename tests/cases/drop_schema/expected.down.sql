-- pgshift:data-loss table t comes back empty
CREATE SCHEMA "tmp";--> statement-breakpoint
CREATE TABLE "tmp"."t" (
	"x" text
);
--> statement-breakpoint
DROP TABLE "public"."users";