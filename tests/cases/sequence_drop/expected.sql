CREATE TABLE "public"."users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"name" text
);
--> statement-breakpoint
DROP SEQUENCE "public"."invoice_no";