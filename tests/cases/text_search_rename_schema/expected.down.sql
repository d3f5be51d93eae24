COMMENT ON TEXT SEARCH CONFIGURATION "find"."cfg" IS 'before';--> statement-breakpoint
ALTER SCHEMA "find" RENAME TO "search";