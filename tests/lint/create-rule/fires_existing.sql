-- expect: create-rule warning
CREATE RULE "cache_no_delete" AS ON DELETE TO "public"."cache" DO INSTEAD NOTHING;
