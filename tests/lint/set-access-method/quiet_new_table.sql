CREATE TABLE "public"."events" ("id" integer PRIMARY KEY) USING "heap2";
--> statement-breakpoint
ALTER TABLE "public"."events" SET ACCESS METHOD "heap";
