DROP PUBLICATION "gone";--> statement-breakpoint
ALTER PUBLICATION "orders_feed" DROP TABLE ONLY "public"."users";--> statement-breakpoint
ALTER PUBLICATION "orders_feed" DROP TABLE ONLY "public"."orders";--> statement-breakpoint
ALTER PUBLICATION "realtime" DROP TABLE ONLY "public"."legacy";--> statement-breakpoint
CREATE TABLE "public"."events" (
	"id" integer PRIMARY KEY NOT NULL,
	"public" boolean
);
--> statement-breakpoint
ALTER TABLE "public"."orders" DROP COLUMN "note";--> statement-breakpoint
COMMENT ON PUBLICATION "inserts_only" IS NULL;--> statement-breakpoint
ALTER PUBLICATION "orders_feed" ADD TABLE ONLY "public"."orders" ("id", "total") WHERE ((total > (100)::numeric) AND (status <> 'void'::text));--> statement-breakpoint
ALTER PUBLICATION "orders_feed" SET (publish = 'insert, update', publish_via_partition_root = true);--> statement-breakpoint
ALTER PUBLICATION "realtime" ADD TABLE ONLY "public"."orders";--> statement-breakpoint
ALTER PUBLICATION "sales_feed" ADD TABLE ONLY "public"."users";--> statement-breakpoint
CREATE PUBLICATION "fresh" FOR TABLE ONLY "public"."events" WHERE (public), TABLES IN SCHEMA "sales";--> statement-breakpoint
DROP TABLE "public"."legacy";