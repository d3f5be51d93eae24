CREATE TEXT SEARCH DICTIONARY "public"."english_nostop" (TEMPLATE = "pg_catalog"."snowball", "language" = 'english');--> statement-breakpoint
COMMENT ON TEXT SEARCH DICTIONARY "public"."english_nostop" IS 'stems, keeps stop words';--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION "public"."english_plain" (PARSER = "pg_catalog"."default");--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."english_plain" ADD MAPPING FOR "asciiword", "asciihword" WITH "public"."english_nostop";--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."english_plain" ADD MAPPING FOR "word" WITH "pg_catalog"."simple", "public"."english_nostop";--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "public"."english_plain" ADD MAPPING FOR "numword" WITH "pg_catalog"."simple";--> statement-breakpoint
COMMENT ON TEXT SEARCH CONFIGURATION "public"."english_plain" IS 'plain English';--> statement-breakpoint
CREATE TABLE "public"."docs" (
	"id" integer PRIMARY KEY NOT NULL,
	"body" text,
	"search" tsvector GENERATED ALWAYS AS (to_tsvector('english_plain', body)) STORED
);
--> statement-breakpoint
CREATE INDEX "docs_body_idx" ON "public"."docs" USING gin ((to_tsvector('english_plain', body)));