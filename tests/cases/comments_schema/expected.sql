CREATE SCHEMA "new";--> statement-breakpoint
COMMENT ON SCHEMA "new" IS 'brand new';--> statement-breakpoint
COMMENT ON SCHEMA "kept" IS 'new words';--> statement-breakpoint
DROP SCHEMA "gone";