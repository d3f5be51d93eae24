-- Objects of kinds pgshift does not model yet, by kind and name (what "not managed" lists).
-- Parameters: %(schemas)s text[]. Objects owned by extensions are reported as the extension only.
SELECT 'domain' AS kind, n.nspname || '.' || t.typname AS name
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd' AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
SELECT CASE t.typtype WHEN 'r' THEN 'range type' ELSE 'composite type' END, n.nspname || '.' || t.typname
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE (t.typtype = 'r' OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
SELECT 'collation', n.nspname || '.' || c.collname
FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass AND d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT 'extension', e.extname FROM pg_extension e WHERE e.extname <> 'plpgsql'
UNION ALL
SELECT 'event trigger', e.evtname FROM pg_event_trigger e
ORDER BY 1, 2
