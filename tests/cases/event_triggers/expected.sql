DROP EVENT TRIGGER "watch_drops";--> statement-breakpoint
ALTER EVENT TRIGGER "audit_ddl" DISABLE;--> statement-breakpoint
COMMENT ON EVENT TRIGGER "audit_ddl" IS 'who changed what';--> statement-breakpoint
CREATE EVENT TRIGGER "watch_drops" ON sql_drop WHEN TAG IN ('DROP TABLE', 'DROP VIEW') EXECUTE FUNCTION "public"."note_ddl"();--> statement-breakpoint
CREATE EVENT TRIGGER "watch_rewrites" ON table_rewrite EXECUTE FUNCTION "public"."note_ddl"();--> statement-breakpoint
ALTER EVENT TRIGGER "watch_rewrites" ENABLE ALWAYS;