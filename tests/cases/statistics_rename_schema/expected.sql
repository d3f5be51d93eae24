DROP STATISTICS "st"."orders_city_zip";--> statement-breakpoint
ALTER SCHEMA "data" RENAME TO "sales";--> statement-breakpoint
ALTER SCHEMA "st" RENAME TO "stats";--> statement-breakpoint
CREATE STATISTICS stats.orders_city_zip ON city, zip FROM sales.orders;--> statement-breakpoint
COMMENT ON STATISTICS "stats"."orders_city_zip" IS 'kept';