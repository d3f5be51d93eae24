ALTER PUBLICATION "big_orders" DROP TABLE ONLY "public"."orders";--> statement-breakpoint
ALTER SCHEMA "sales" RENAME TO "billing";--> statement-breakpoint
ALTER PUBLICATION "big_orders" RENAME TO "large_orders";--> statement-breakpoint
ALTER PUBLICATION "notes" RENAME TO "order_notes";--> statement-breakpoint
ALTER TABLE "public"."orders" RENAME TO "purchases";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."purchases"'::regclass AND conname = 'orders_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."purchases" RENAME CONSTRAINT "orders_id_not_null" TO "purchases_id_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER TABLE "public"."purchases" RENAME COLUMN "total" TO "amount_due";--> statement-breakpoint
ALTER PUBLICATION "large_orders" ADD TABLE ONLY "public"."purchases" ("amount_due", "id") WHERE (amount_due > (100)::numeric);