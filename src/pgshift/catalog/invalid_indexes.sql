-- Indexes marked INVALID (a failed CREATE INDEX CONCURRENTLY / REINDEX CONCURRENTLY leaves one behind),
-- schema-qualified and quoted so the result can be used in DROP INDEX directly.
-- Run without parameters (the % signs are format() placeholders, not driver placeholders).
SELECT format('%I.%I', n.nspname, c.relname) AS name
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
ORDER BY 1
