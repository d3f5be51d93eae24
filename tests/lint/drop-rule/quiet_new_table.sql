CREATE TABLE "cache" ("k" text PRIMARY KEY);
--> statement-breakpoint
CREATE RULE "cache_no_delete" AS ON DELETE TO "cache" DO INSTEAD NOTHING;
--> statement-breakpoint
DROP RULE "cache_no_delete" ON "cache";
