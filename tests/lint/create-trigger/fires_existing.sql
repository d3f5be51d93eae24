-- expect: create-trigger info
CREATE TRIGGER "account_touch" BEFORE UPDATE ON "public"."account" FOR EACH ROW EXECUTE FUNCTION touch();
