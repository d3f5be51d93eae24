ALTER SEQUENCE "public"."tickets_id_seq" RENAME TO "tickets_id_seq_old";--> statement-breakpoint
CREATE SEQUENCE "public"."tickets_id_seq" AS bigint OWNED BY "public"."tickets"."id";--> statement-breakpoint
SELECT setval('"public"."tickets_id_seq"', last_value, is_called) FROM "public"."tickets_id_seq_old";--> statement-breakpoint
ALTER TABLE "public"."tickets" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "public"."tickets" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "public"."tickets" ALTER COLUMN "id" SET DEFAULT nextval('"public"."tickets_id_seq"'::regclass);