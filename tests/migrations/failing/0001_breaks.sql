CREATE TABLE "b" ("id" integer);
--> statement-breakpoint
INSERT INTO "b" VALUES (1);
--> statement-breakpoint
-- the next statement fails
INSERT INTO "b" VALUES (1 / 0);
--> statement-breakpoint
CREATE TABLE "c" ("id" integer);