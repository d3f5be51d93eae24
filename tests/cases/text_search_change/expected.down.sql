CREATE TEXT SEARCH DICTIONARY "public"."gone" (TEMPLATE = "pg_catalog"."simple");--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION "public"."old_cfg" (PARSER = "pg_catalog"."default");--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."old_cfg" ADD MAPPING FOR "asciiword" WITH "public"."gone";--> statement-breakpoint
COMMENT ON TEXT SEARCH CONFIGURATION "public"."old_cfg" IS 'going';--> statement-breakpoint
ALTER TABLE "public"."docs" ADD COLUMN "old_search" tsvector GENERATED ALWAYS AS (to_tsvector('old_cfg', body)) STORED;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "docs_old_idx" ON "public"."docs" USING gin ((to_tsvector('old_cfg', body)));--> statement-breakpoint
COMMENT ON TEXT SEARCH CONFIGURATION "public"."docs_cfg" IS NULL;--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."docs_cfg" ALTER MAPPING FOR "asciiword" WITH "public"."stem";--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."docs_cfg" ALTER MAPPING FOR "numword" WITH "pg_catalog"."simple";--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."docs_cfg" DROP MAPPING FOR "asciihword", "hword";--> statement-breakpoint
COMMENT ON TEXT SEARCH DICTIONARY "public"."stem" IS 'old';--> statement-breakpoint
ALTER TEXT SEARCH DICTIONARY "public"."stem" ("language" = 'english', "stopwords" = 'english');--> statement-breakpoint
CREATE TEXT SEARCH DICTIONARY "public"."short_pgshift_new" (TEMPLATE = "pg_catalog"."simple", "accept" = 'false');--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."short_cfg" ALTER MAPPING REPLACE "public"."short" WITH "public"."short_pgshift_new";--> statement-breakpoint
DROP TEXT SEARCH DICTIONARY "public"."short";--> statement-breakpoint
ALTER TEXT SEARCH DICTIONARY "public"."short_pgshift_new" RENAME TO "short";