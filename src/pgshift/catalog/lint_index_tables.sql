-- The table of each index named in %(names)s ("schema.index" strings), for `pgshift check --db`
-- to rate DROP INDEX findings by the size of the table they lock.
SELECT ni.nspname || '.' || ci.relname AS index_name, nt.nspname || '.' || ct.relname AS table_name
FROM pg_index i
JOIN pg_class ci ON ci.oid = i.indexrelid
JOIN pg_namespace ni ON ni.oid = ci.relnamespace
JOIN pg_class ct ON ct.oid = i.indrelid
JOIN pg_namespace nt ON nt.oid = ct.relnamespace
WHERE ni.nspname || '.' || ci.relname = ANY(%(names)s)
