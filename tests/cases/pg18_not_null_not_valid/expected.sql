CREATE TABLE "public"."notes" (
	"id" integer PRIMARY KEY NOT NULL,
	"body" text
);
--> statement-breakpoint
ALTER TABLE "public"."notes" ADD CONSTRAINT "body_present" NOT NULL "body" NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."users" ADD CONSTRAINT "users_name_not_null" NOT NULL "name" NOT VALID;