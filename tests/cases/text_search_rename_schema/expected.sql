ALTER SCHEMA "search" RENAME TO "find";--> statement-breakpoint
COMMENT ON TEXT SEARCH CONFIGURATION "find"."cfg" IS 'after';