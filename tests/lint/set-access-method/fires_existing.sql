-- expect: set-access-method warning
ALTER TABLE "public"."events" SET ACCESS METHOD "heap2";
