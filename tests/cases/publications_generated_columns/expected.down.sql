DROP PUBLICATION "fresh";--> statement-breakpoint
ALTER PUBLICATION "feed" SET (publish = 'insert, update, delete, truncate', publish_via_partition_root = false, publish_generated_columns = none);