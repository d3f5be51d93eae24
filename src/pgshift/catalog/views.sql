-- Views and materialized views, with their comments and their columns' (indexes: indexes.sql).
-- Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid, true) AS definition, c.reloptions AS options, c.relispopulated AS populated,
       od.description AS comment,
       ARRAY(SELECT ARRAY[a.attname::text, d.description]
             FROM pg_attribute a
             JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass
                                  AND d.objsubid = a.attnum
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND d.description <> ''
             ORDER BY a.attname) AS column_comments,
       (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = c.oid AND i.indisclustered) AS clustered_on,  -- ALTER MATERIALIZED VIEW ... CLUSTER ON
       ARRAY(SELECT ARRAY[a.attname::text, pg_get_expr(d.adbin, 0)]  -- ALTER VIEW ... ALTER COLUMN ... SET DEFAULT
             FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
             WHERE d.adrelid = c.oid ORDER BY a.attname) AS column_defaults
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description od ON od.objoid = c.oid AND od.classoid = 'pg_class'::regclass AND od.objsubid = 0
WHERE c.relkind IN ('v', 'm')
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname
