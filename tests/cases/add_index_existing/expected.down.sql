-- pgshift:transaction off
DROP INDEX CONCURRENTLY "public"."users_name_idx";