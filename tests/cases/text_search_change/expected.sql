CREATE TEXT SEARCH DICTIONARY "public"."short_pgshift_new" (TEMPLATE = "pg_catalog"."snowball", "language" = 'english');--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."short_cfg" ALTER MAPPING REPLACE "public"."short" WITH "public"."short_pgshift_new";--> statement-breakpoint
DROP TEXT SEARCH DICTIONARY "public"."short";--> statement-breakpoint
ALTER TEXT SEARCH DICTIONARY "public"."short_pgshift_new" RENAME TO "short";--> statement-breakpoint
ALTER TEXT SEARCH DICTIONARY "public"."stem" ("language" = 'german', "stopwords");--> statement-breakpoint
COMMENT ON TEXT SEARCH DICTIONARY "public"."stem" IS 'new';--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."docs_cfg" ALTER MAPPING FOR "asciiword", "asciihword", "hword" WITH "pg_catalog"."simple";--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."docs_cfg" DROP MAPPING FOR "numword";--> statement-breakpoint
COMMENT ON TEXT SEARCH CONFIGURATION "public"."docs_cfg" IS 'docs';--> statement-breakpoint
DROP INDEX CONCURRENTLY "public"."docs_old_idx";--> statement-breakpoint
ALTER TABLE "public"."docs" DROP COLUMN "old_search";--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION "public"."old_cfg";--> statement-breakpoint
DROP TEXT SEARCH DICTIONARY "public"."gone";