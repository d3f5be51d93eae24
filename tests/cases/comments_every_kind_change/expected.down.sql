COMMENT ON RULE "note_keep" ON "public"."note" IS NULL;--> statement-breakpoint
COMMENT ON POLICY "own_rows" ON "public"."account" IS NULL;--> statement-breakpoint
COMMENT ON CONSTRAINT "note_account_id_fkey" ON "public"."note" IS NULL;--> statement-breakpoint
COMMENT ON CONSTRAINT "account_code_excl" ON "public"."account" IS 'old exclusion words';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_score_check" ON "public"."account" IS NULL;--> statement-breakpoint
COMMENT ON CONSTRAINT "account_code_key" ON "public"."account" IS 'old unique words';--> statement-breakpoint
COMMENT ON CONSTRAINT "account_pkey" ON "public"."account" IS NULL;--> statement-breakpoint
COMMENT ON INDEX "public"."account_score_idx" IS 'old index words';--> statement-breakpoint
COMMENT ON SEQUENCE "public"."counter" IS 'old sequence words';--> statement-breakpoint
COMMENT ON DOMAIN "public"."positive" IS 'old domain words';--> statement-breakpoint
COMMENT ON TYPE "public"."mood" IS NULL;