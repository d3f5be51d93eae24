CREATE TABLE "public"."users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"name" text,
	CONSTRAINT "users_email_key" UNIQUE("email")
);
