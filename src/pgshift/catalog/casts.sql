-- User-defined casts (database-wide, found by source and target type): created by a user (oid at or
-- above FirstNormalObjectId, 16384), not an extension's (deptype 'e') nor part of a range type (the
-- range -> multirange casts, deptype 'i'). A cast belongs to the schema of its function, else of its
-- source type, else of its target type (pgshift.model.schema.Cast), and is managed when that schema is
-- one of %(schemas)s text[]; the others are listed as not managed (unmanaged.sql).
SELECT format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target,
       CASE WHEN c.castmethod = 'f' THEN fn.nspname
            WHEN sn.nspname <> 'pg_catalog' THEN sn.nspname ELSE tn.nspname END AS schema,
       c.castmethod AS method, c.castcontext AS context,
       CASE WHEN c.castmethod = 'f'
            THEN quote_ident(fn.nspname) || '.' || quote_ident(p.proname) || '(' || oidvectortypes(p.proargtypes) || ')'
       END AS function,
       obj_description(c.oid, 'pg_cast') AS comment
FROM pg_cast c
JOIN pg_type st ON st.oid = c.castsource JOIN pg_namespace sn ON sn.oid = st.typnamespace
JOIN pg_type tt ON tt.oid = c.casttarget JOIN pg_namespace tn ON tn.oid = tt.typnamespace
LEFT JOIN pg_proc p ON p.oid = c.castfunc LEFT JOIN pg_namespace fn ON fn.oid = p.pronamespace
WHERE c.oid >= 16384
  AND CASE WHEN c.castmethod = 'f' THEN fn.nspname
           WHEN sn.nspname <> 'pg_catalog' THEN sn.nspname ELSE tn.nspname END = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid
                    AND d.deptype IN ('e', 'i'))
ORDER BY 1, 2
