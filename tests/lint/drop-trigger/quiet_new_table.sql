CREATE TABLE "audit" ("id" bigint PRIMARY KEY);
--> statement-breakpoint
CREATE TRIGGER "audit_touch" BEFORE UPDATE ON "audit" FOR EACH ROW EXECUTE FUNCTION touch();
--> statement-breakpoint
DROP TRIGGER "audit_touch" ON "audit";
