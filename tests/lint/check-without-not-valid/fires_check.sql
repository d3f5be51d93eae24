-- expect: check-without-not-valid
ALTER TABLE "users" ADD CONSTRAINT "age_check" CHECK ("age" >= 0);
