DROP EVENT TRIGGER "watch_rewrites";--> statement-breakpoint
DROP EVENT TRIGGER "watch_drops";--> statement-breakpoint
ALTER EVENT TRIGGER "audit_ddl" ENABLE;--> statement-breakpoint
COMMENT ON EVENT TRIGGER "audit_ddl" IS NULL;--> statement-breakpoint
CREATE EVENT TRIGGER "watch_drops" ON sql_drop WHEN TAG IN ('DROP TABLE') EXECUTE FUNCTION "public"."note_ddl"();