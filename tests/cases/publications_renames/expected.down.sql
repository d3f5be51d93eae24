ALTER PUBLICATION "large_orders" DROP TABLE ONLY "public"."purchases";--> statement-breakpoint
ALTER TABLE "public"."purchases" RENAME COLUMN "amount_due" TO "total";--> statement-breakpoint
ALTER TABLE "public"."purchases" RENAME TO "orders";--> statement-breakpoint
DO $pgshift$ BEGIN
	-- NOT NULL constraints are named after their table and column on PostgreSQL 18+ only
	IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"public"."orders"'::regclass AND conname = 'purchases_id_not_null' AND contype = 'n') THEN
		ALTER TABLE "public"."orders" RENAME CONSTRAINT "purchases_id_not_null" TO "orders_id_not_null";
	END IF;
END $pgshift$;
--> statement-breakpoint
ALTER PUBLICATION "order_notes" RENAME TO "notes";--> statement-breakpoint
ALTER PUBLICATION "large_orders" RENAME TO "big_orders";--> statement-breakpoint
ALTER SCHEMA "billing" RENAME TO "sales";--> statement-breakpoint
ALTER PUBLICATION "big_orders" ADD TABLE ONLY "public"."orders" ("id", "total") WHERE (total > (100)::numeric);