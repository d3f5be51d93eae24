CREATE TABLE "runs" ("id" serial PRIMARY KEY, "note" text);
--> statement-breakpoint
INSERT INTO "runs" ("note") VALUES ('0000');