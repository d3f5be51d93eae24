CREATE TABLE "t0" ("id" bigint PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE TABLE "t2" ("id" bigint PRIMARY KEY NOT NULL);
