CREATE SEQUENCE "public"."counters_id_seq" AS integer OWNED BY "public"."counters"."id";--> statement-breakpoint
SELECT setval('"public"."counters_id_seq"', coalesce(max("id"), 0) + 1, false) FROM "public"."counters";--> statement-breakpoint
ALTER TABLE "public"."counters" ALTER COLUMN "id" SET DEFAULT nextval('"public"."counters_id_seq"'::regclass);