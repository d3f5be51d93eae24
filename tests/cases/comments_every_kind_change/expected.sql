COMMENT ON TYPE "public"."mood" IS 'how it went';--> statement-breakpoint
COMMENT ON DOMAIN "public"."positive" IS 'above zero';--> statement-breakpoint
COMMENT ON SEQUENCE "public"."counter" IS 'counts up';--> statement-breakpoint
COMMENT ON INDEX "public"."account_score_idx" IS 'by score';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_pkey" ON "public"."account" IS 'the key';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_code_key" ON "public"."account" IS 'one per code';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_score_check" ON "public"."account" IS 'positive';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_code_excl" ON "public"."account" IS 'no twins';--> statement-breakpoint
COMMENT ON CONSTRAINT "note_account_id_fkey" ON "public"."note" IS 'whose note';--> statement-breakpoint
COMMENT ON POLICY "own_rows" ON "public"."account" IS 'who sees what';--> statement-breakpoint
COMMENT ON RULE "note_keep" ON "public"."note" IS 'notes are kept';