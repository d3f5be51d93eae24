CREATE TABLE "t" ("x" integer);
--> statement-breakpoint
INSERT INTO "t" VALUES (1), (1);