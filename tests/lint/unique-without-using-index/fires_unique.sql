-- expect: unique-without-using-index
ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE("email");
-- expect: unique-without-using-index
ALTER TABLE "accounts" ADD PRIMARY KEY ("id");
-- expect: unique-without-using-index
ALTER TABLE "users" ADD COLUMN "handle" text UNIQUE;
