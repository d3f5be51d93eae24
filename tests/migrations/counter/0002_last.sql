INSERT INTO "runs" ("note") VALUES ('0002');
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "extra" text;