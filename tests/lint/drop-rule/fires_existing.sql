-- expect: drop-rule
DROP RULE "cache_no_delete" ON "public"."cache";
