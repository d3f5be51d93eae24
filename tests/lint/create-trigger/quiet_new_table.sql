CREATE TABLE "public"."audit" ("id" bigint PRIMARY KEY, "at" timestamptz);
--> statement-breakpoint
CREATE TRIGGER "audit_touch" BEFORE UPDATE ON "public"."audit" FOR EACH ROW EXECUTE FUNCTION touch();
