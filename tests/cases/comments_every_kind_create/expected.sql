CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');--> statement-breakpoint
COMMENT ON TYPE "public"."mood" IS 'how it went';--> statement-breakpoint
CREATE DOMAIN public.positive AS integer CONSTRAINT positive_check CHECK ((VALUE > 0));--> statement-breakpoint
COMMENT ON DOMAIN "public"."positive" IS 'above zero';--> statement-breakpoint
CREATE SEQUENCE "public"."counter";--> statement-breakpoint
COMMENT ON SEQUENCE "public"."counter" IS 'counts up';--> statement-breakpoint
CREATE TABLE "public"."account" (
	"id" integer PRIMARY KEY NOT NULL,
	"code" text,
	"score" integer,
	"mood" "public"."mood",
	"rank" positive,
	CONSTRAINT "account_code_key" UNIQUE("code"),
	CONSTRAINT "account_score_check" CHECK (score > 0),
	CONSTRAINT "account_code_excl" EXCLUDE (code WITH =)
);
--> statement-breakpoint
CREATE INDEX "account_score_idx" ON "public"."account" USING btree ("score");--> statement-breakpoint
COMMENT ON INDEX "public"."account_score_idx" IS 'by score';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_pkey" ON "public"."account" IS 'the key';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_code_key" ON "public"."account" IS 'one per code';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_score_check" ON "public"."account" IS 'positive';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_code_excl" ON "public"."account" IS 'no twins';--> statement-breakpoint
ALTER TABLE "public"."account" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "public"."note" (
	"id" integer PRIMARY KEY NOT NULL,
	"account_id" integer
);
--> statement-breakpoint
ALTER TABLE "public"."note" ADD CONSTRAINT "note_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
COMMENT ON CONSTRAINT "note_account_id_fkey" ON "public"."note" IS 'whose note';--> statement-breakpoint
CREATE POLICY "own_rows" ON "public"."account" AS PERMISSIVE FOR ALL TO public USING (score > 1);--> statement-breakpoint
COMMENT ON POLICY "own_rows" ON "public"."account" IS 'who sees what';--> statement-breakpoint
CREATE RULE note_keep AS
    ON DELETE TO public.note DO INSTEAD NOTHING;
--> statement-breakpoint
COMMENT ON RULE "note_keep" ON "public"."note" IS 'notes are kept';