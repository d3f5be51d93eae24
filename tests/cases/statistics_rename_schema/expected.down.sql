DROP STATISTICS "stats"."orders_city_zip";--> statement-breakpoint
ALTER SCHEMA "stats" RENAME TO "st";--> statement-breakpoint
ALTER SCHEMA "sales" RENAME TO "data";--> statement-breakpoint
CREATE STATISTICS st.orders_city_zip ON city, zip FROM data.orders;--> statement-breakpoint
COMMENT ON STATISTICS "st"."orders_city_zip" IS 'kept';