-- Extensions, collations, domains, composite and range types, each as the CREATE statement that makes
-- it (the server prints types and constraints). Parameters: %(schemas)s text[].
SELECT 'extension' AS kind, n.nspname AS schema, e.extname AS name,
       'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(e.extname) || ' WITH SCHEMA ' || quote_ident(n.nspname) AS definition,
       obj_description(e.oid, 'pg_extension') AS comment,
       NULL::jsonb AS part_comments
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'collation', n.nspname, c.collname,
       'CREATE COLLATION ' || quote_ident(n.nspname) || '.' || quote_ident(c.collname) || ' ('
       || concat_ws(', ',
            'PROVIDER = ' || CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END,
            CASE WHEN c.collprovider = 'c' THEN 'LC_COLLATE = ' || quote_literal(c.collcollate) END,
            CASE WHEN c.collprovider = 'c' THEN 'LC_CTYPE = ' || quote_literal(c.collctype) END,
            CASE WHEN c.collprovider <> 'c' THEN 'LOCALE = ' || quote_literal(coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale')) END,
            CASE WHEN NOT c.collisdeterministic THEN 'DETERMINISTIC = false' END)
       || ')',
       obj_description(c.oid, 'pg_collation'),
       NULL::jsonb
FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass AND d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'composite type' END, n.nspname, t.typname,
       CASE t.typtype
         WHEN 'd' THEN
           'CREATE DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS ' || format_type(t.typbasetype, t.typtypmod)
           || CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype)
                   THEN ' COLLATE ' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) ELSE '' END
           || coalesce(' DEFAULT ' || t.typdefault, '')
           || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
           || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), '' ORDER BY k.conname)
                        FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'), '')
         WHEN 'r' THEN
           (SELECT 'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS RANGE ('
                   || concat_ws(', ',
                        'SUBTYPE = ' || format_type(r.rngsubtype, NULL),
                        -- only when not the subtype's default btree class (so other ranges read as before)
                        CASE WHEN r.rngsubopc <> (SELECT o.oid FROM pg_opclass o JOIN pg_am am ON am.oid = o.opcmethod
                                                  WHERE am.amname = 'btree' AND o.opcintype = r.rngsubtype AND o.opcdefault)
                             THEN 'SUBTYPE_OPCLASS = ' || (SELECT quote_ident(on_.nspname) || '.' || quote_ident(o.opcname)
                                                          FROM pg_opclass o JOIN pg_namespace on_ ON on_.oid = o.opcnamespace
                                                          WHERE o.oid = r.rngsubopc) END,
                        CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> (SELECT s.typcollation FROM pg_type s WHERE s.oid = r.rngsubtype)
                             THEN 'COLLATION = ' || (SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = r.rngcollation) END,
                        CASE WHEN r.rngcanonical <> 0 THEN 'CANONICAL = ' || r.rngcanonical::regproc::text END,
                        CASE WHEN r.rngsubdiff <> 0 THEN 'SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text END)
                   || ')'
            FROM pg_range r WHERE r.rngtypid = t.oid)
         ELSE
           'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS ('
           || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                        FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '')
           || ')'
       END,
       obj_description(t.oid, 'pg_type'),
       -- comments on a domain's constraints and on a composite type's attributes, by COMMENT ON target
       -- (names always quoted, as pgshift's quote_ident writes them)
       CASE t.typtype
         WHEN 'd' THEN
           (SELECT jsonb_object_agg('CONSTRAINT ' || q.c || ' ON DOMAIN ' || q.s || '.' || q.t, dsc.description)
            FROM pg_constraint k JOIN pg_description dsc ON dsc.objoid = k.oid AND dsc.classoid = 'pg_constraint'::regclass
            CROSS JOIN LATERAL (SELECT '"' || replace(k.conname, '"', '""') || '"' AS c,
                                       '"' || replace(n.nspname, '"', '""') || '"' AS s,
                                       '"' || replace(t.typname, '"', '""') || '"' AS t) q
            WHERE k.contypid = t.oid)
         WHEN 'c' THEN
           (SELECT jsonb_object_agg('COLUMN "' || replace(n.nspname, '"', '""') || '"."' || replace(t.typname, '"', '""')
                                    || '"."' || replace(a.attname, '"', '""') || '"', dsc.description)
            FROM pg_attribute a JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass
                                                        AND dsc.objsubid = a.attnum
            WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
       END
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
