CREATE TABLE "tags" ("id" bigint PRIMARY KEY, "name" text);
--> statement-breakpoint
CREATE INDEX "tags_name_idx" ON "tags" USING btree ("name");
