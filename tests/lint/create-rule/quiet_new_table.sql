CREATE TABLE "public"."cache" ("k" text PRIMARY KEY, "v" text);
--> statement-breakpoint
CREATE RULE "cache_no_delete" AS ON DELETE TO "public"."cache" DO INSTEAD NOTHING;
