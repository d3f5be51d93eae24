DROP RULE "note_keep" ON "public"."note";--> statement-breakpoint
DROP POLICY "own_rows" ON "public"."account";--> statement-breakpoint
ALTER TABLE "public"."note" DROP CONSTRAINT "note_account_id_fkey";--> statement-breakpoint
DROP TABLE "public"."note";--> statement-breakpoint
DROP TABLE "public"."account";--> statement-breakpoint
DROP SEQUENCE "public"."counter";--> statement-breakpoint
DROP DOMAIN "public"."positive";--> statement-breakpoint
DROP TYPE "public"."mood";