-- Free-standing sequences (not owned by a serial or identity column). Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS data_type,
       s.seqincrement::text AS increment, s.seqmin::text AS min_value, s.seqmax::text AS max_value,
       s.seqstart::text AS start_with, s.seqcache::text AS cache, s.seqcycle AS cycle,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')
  )
ORDER BY n.nspname, c.relname
