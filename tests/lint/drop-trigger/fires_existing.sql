-- expect: drop-trigger info
DROP TRIGGER "account_touch" ON "public"."account";
-- expect: drop-trigger
DROP TRIGGER account_guard ON account;
