-- 3 migration(s) to apply, under advisory lock 818123410947875507
SET standard_conforming_strings = on;
SET lock_timeout = '1s';
SET client_connection_check_interval = '2s';  -- a killed runner's session ends
-- create/extend the tracking table "drizzle"."__drizzle_migrations"
CREATE SCHEMA IF NOT EXISTS "drizzle";
CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
ALTER TABLE "drizzle"."__drizzle_migrations" ADD COLUMN IF NOT EXISTS "name" text, ADD COLUMN IF NOT EXISTS "applied_at" timestamptz, ADD COLUMN IF NOT EXISTS "duration_ms" integer, ADD COLUMN IF NOT EXISTS "pgshift_version" text, ADD COLUMN IF NOT EXISTS "baselined" boolean, ADD COLUMN IF NOT EXISTS "groups_done" integer, ADD COLUMN IF NOT EXISTS "groups_total" integer, ADD COLUMN IF NOT EXISTS "group_running" integer;

-- 0000_users: 1 group(s)
-- group 1 of 1 (in a transaction: default)
BEGIN;
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text
);
INSERT INTO "users" ("email") VALUES ('seed@example.com');
INSERT INTO "drizzle"."__drizzle_migrations" (hash, created_at, name, applied_at, duration_ms, pgshift_version, baselined, groups_total) VALUES ('9f4df17a9c6bc7536e20b57d4ea4e7d6a56c87ef667edf03b192d003c6a71bab', 1795351400000, '0000_users', clock_timestamp(), 0, '{version}', false, 1);  -- duration_ms measured at run time
COMMIT;

-- 0001_posts: 1 group(s)
-- group 1 of 1 (in a transaction: default)
BEGIN;
CREATE TABLE "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer NOT NULL REFERENCES "users"("id"),
	"title" text NOT NULL
);
ALTER TABLE "users" ADD COLUMN "bio" text;
INSERT INTO "drizzle"."__drizzle_migrations" (hash, created_at, name, applied_at, duration_ms, pgshift_version, baselined, groups_total) VALUES ('a348ce35b5cbd9d4245d88187566b55ad93a7e72f0cc0c121c7a1484403076a6', 1795351401000, '0001_posts', clock_timestamp(), 0, '{version}', false, 1);  -- duration_ms measured at run time
COMMIT;

-- 0002_users_email_idx: 1 group(s)
-- group 1 of 1 (without a transaction: CREATE INDEX CONCURRENTLY at line 1 cannot run in a transaction)
INSERT INTO "drizzle"."__drizzle_migrations" (hash, created_at, name, applied_at, pgshift_version, groups_done, groups_total, group_running) VALUES ('c96c62030449ce3a2c8375993c8d638bcb2298b9ad4130fa330919cea86c6786', 0, '0002_users_email_idx', clock_timestamp(), '{version}', 0, 1, 1);
CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" USING btree ("email");
UPDATE "drizzle"."__drizzle_migrations" SET hash = 'c96c62030449ce3a2c8375993c8d638bcb2298b9ad4130fa330919cea86c6786', created_at = 1795351402000, applied_at = clock_timestamp(), duration_ms = 0, pgshift_version = '{version}', groups_done = NULL, group_running = NULL, groups_total = 1 WHERE name = '0002_users_email_idx' AND groups_done IS NOT NULL;  -- duration_ms measured at run time
