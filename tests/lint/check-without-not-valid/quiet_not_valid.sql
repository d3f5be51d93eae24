ALTER TABLE "users" ADD CONSTRAINT "age_check" CHECK ("age" >= 0) NOT VALID;
