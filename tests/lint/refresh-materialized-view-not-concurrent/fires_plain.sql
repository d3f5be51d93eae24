-- expect: refresh-materialized-view-not-concurrent
REFRESH MATERIALIZED VIEW "public"."account_stats";
