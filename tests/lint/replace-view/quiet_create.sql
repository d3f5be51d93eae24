CREATE VIEW "public"."active_account" AS SELECT id, email FROM account;
--> statement-breakpoint
CREATE OR REPLACE VIEW "public"."active_account" AS SELECT id, email, mood FROM account;
