-- Triggers (not the internal ones behind foreign keys, not the clones on partitions). Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, c.relname AS table_name, t.tgname AS name,
       pg_get_triggerdef(t.oid, false) AS definition, t.tgenabled AS enabled,
       fn.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS function,
       od.description AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = p.pronamespace
LEFT JOIN pg_description od ON od.objoid = t.oid AND od.classoid = 'pg_trigger'::regclass AND od.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname, t.tgname
