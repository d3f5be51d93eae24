-- expect: replace-view
CREATE OR REPLACE VIEW "public"."active_account" AS SELECT id, email, mood FROM account WHERE status = 'active';
