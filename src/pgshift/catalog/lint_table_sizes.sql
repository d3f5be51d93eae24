-- Estimated row counts (pg_class.reltuples; -1 = never analyzed) of the tables named in %(names)s,
-- given as "schema.table" strings. Used by `pgshift check --db` to rate findings by table size.
SELECT n.nspname || '.' || c.relname AS name, c.reltuples::bigint AS estimate
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname || '.' || c.relname = ANY(%(names)s)
