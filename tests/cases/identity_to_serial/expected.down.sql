ALTER TABLE "public"."tickets" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."tickets" ALTER COLUMN "id" SET DATA TYPE integer;--> statement-breakpoint
ALTER SEQUENCE "public"."tickets_id_seq" RENAME TO "tickets_id_seq_old";--> statement-breakpoint
ALTER TABLE "public"."tickets" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY (sequence name "public"."tickets_id_seq");--> statement-breakpoint
SELECT setval('"public"."tickets_id_seq"', last_value, is_called) FROM "public"."tickets_id_seq_old";--> statement-breakpoint
DROP SEQUENCE "public"."tickets_id_seq_old";