CREATE TABLE "half" ("id" integer);
--> statement-breakpoint
INSERT INTO "half" VALUES (1);
--> statement-breakpoint
SELECT pg_sleep(30);
--> statement-breakpoint
CREATE TABLE "after_sleep" ("id" integer);