-- expect: drop-view
DROP VIEW "public"."active_account";
-- expect: drop-view
DROP MATERIALIZED VIEW account_stats CASCADE;
