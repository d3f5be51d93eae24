-- Partitions of partitioned tables in the chosen schemas, with their bound and comment, the defaults
-- they have of their own (PARTITION OF copies the parent's: a different one, or none where the parent
-- has one, is the partition's) and their own CHECK constraints (not inherited from the parent).
-- Parameters: %(schemas)s text[].
SELECT
    pn.nspname AS parent_schema,
    p.relname AS parent_name,
    n.nspname AS schema,
    c.relname AS name,
    pg_get_expr(c.relpartbound, c.oid) AS bound,
    od.description AS comment,
    -- (a default has no column references: printed without its table's context, which opens the table;
    -- one copied by PARTITION OF is the parent's node tree as it is, so equal trees are equal defaults)
    (SELECT jsonb_object_agg(a.attname, pg_get_expr(d.adbin, 0))
     FROM pg_attribute a
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     LEFT JOIN pg_attribute pa ON pa.attrelid = p.oid AND pa.attname = a.attname
     LEFT JOIN pg_attrdef pd ON pd.adrelid = p.oid AND pd.adnum = pa.attnum
     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       AND CASE WHEN d.adbin::text IS NOT DISTINCT FROM pd.adbin::text THEN false
                ELSE pg_get_expr(d.adbin, 0) IS DISTINCT FROM pg_get_expr(pd.adbin, 0) END) AS own_defaults,
    (SELECT jsonb_agg(jsonb_build_array(k.conname, pg_get_constraintdef(k.oid)) ORDER BY k.conname)
     FROM pg_constraint k
     WHERE k.conrelid = c.oid AND k.contype = 'c' AND k.conislocal AND k.coninhcount = 0) AS own_checks
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_inherits i ON i.inhrelid = c.oid
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
LEFT JOIN pg_description od ON od.objoid = c.oid AND od.classoid = 'pg_class'::regclass AND od.objsubid = 0
WHERE c.relispartition AND c.relkind IN ('r', 'p') AND pn.nspname = ANY(%(schemas)s)
ORDER BY n.nspname, c.relname
