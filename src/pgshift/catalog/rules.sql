-- Rewrite rules (not the _RETURN rule that makes a view). Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, c.relname AS table_name, r.rulename AS name, pg_get_ruledef(r.oid) AS definition,
       obj_description(r.oid, 'pg_rewrite') AS comment
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname, r.rulename
