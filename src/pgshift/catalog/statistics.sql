-- Extended statistics objects (CREATE STATISTICS), not an extension's. The target is NULL for the
-- default: PostgreSQL 15-16 store -1 there, 17+ NULL (NULLIF reads both). Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, s.stxname AS name, tn.nspname AS table_schema, c.relname AS table_name,
       pg_get_statisticsobjdef(s.oid) AS definition, NULLIF(s.stxstattarget, -1)::integer AS target,
       obj_description(s.oid, 'pg_statistic_ext') AS comment
FROM pg_statistic_ext s
JOIN pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace tn ON tn.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_statistic_ext'::regclass AND d.objid = s.oid AND d.deptype = 'e')
ORDER BY n.nspname, s.stxname
