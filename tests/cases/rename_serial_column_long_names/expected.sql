ALTER TABLE "public"."customer_subscription_billing_event_logs" RENAME COLUMN "monthly_invoice_sequence_numbr" TO "yearly_invoice_sequence_number";--> statement-breakpoint
ALTER SEQUENCE "public"."customer_subscription_billing_monthly_invoice_sequence_numb_seq" RENAME TO "customer_subscription_billing_yearly_invoice_sequence_numbe_seq";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."customer_subscription_billing_event_logs"'::regclass AND conname = 'customer_subscription_billi_monthly_invoice_sequence_n_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."customer_subscription_billing_event_logs" RENAME CONSTRAINT "customer_subscription_billi_monthly_invoice_sequence_n_not_null" TO "customer_subscription_billi_yearly_invoice_sequence_nu_not_null";
	END IF;
END $pgshift$;
