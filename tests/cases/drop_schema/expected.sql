CREATE TABLE "public"."users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"name" text
);
--> statement-breakpoint
DROP TABLE "tmp"."t";--> statement-breakpoint
DROP SCHEMA "tmp";