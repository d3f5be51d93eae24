CREATE SCHEMA "gone";--> statement-breakpoint
COMMENT ON SCHEMA "gone" IS 'dropped with it';--> statement-breakpoint
COMMENT ON SCHEMA "kept" IS 'old words';--> statement-breakpoint
DROP SCHEMA "new";