ALTER TABLE "users" ADD COLUMN "name" text;--> statement-breakpoint
INSERT INTO "users" ("email", "name") VALUES ('first@example.com', 'First');