-- pgshift:data-loss column orders.note comes back empty
-- pgshift:data-loss table legacy comes back empty
CREATE TABLE "public"."legacy" (
	"id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP PUBLICATION "fresh";--> statement-breakpoint
ALTER PUBLICATION "sales_feed" DROP TABLE ONLY "public"."users";--> statement-breakpoint
ALTER PUBLICATION "realtime" DROP TABLE ONLY "public"."orders";--> statement-breakpoint
ALTER PUBLICATION "orders_feed" SET (publish = 'insert, update, delete, truncate', publish_via_partition_root = false);--> statement-breakpoint
ALTER PUBLICATION "orders_feed" DROP TABLE ONLY "public"."orders";--> statement-breakpoint
COMMENT ON PUBLICATION "inserts_only" IS 'append-only copy';--> statement-breakpoint
ALTER TABLE "public"."orders" ADD COLUMN "note" text;--> statement-breakpoint
DROP TABLE "public"."events";--> statement-breakpoint
ALTER PUBLICATION "realtime" ADD TABLE ONLY "public"."legacy";--> statement-breakpoint
ALTER PUBLICATION "orders_feed" ADD TABLE ONLY "public"."orders" ("id", "note", "total") WHERE (total > (100)::numeric);--> statement-breakpoint
ALTER PUBLICATION "orders_feed" ADD TABLE ONLY "public"."users";--> statement-breakpoint
CREATE PUBLICATION "gone" FOR TABLE ONLY "public"."users" ("email", "id");