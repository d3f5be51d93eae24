-- Objects of kinds pgshift does not model, by kind and name (what "not managed" lists): never dropped,
-- never created, but named so a user knows they exist. Schema-bound kinds count in the managed schemas
-- only; database-wide kinds count when created by a user (oid at or above FirstNormalObjectId, 16384).
-- Members of an extension belong to the extension (pg_depend deptype 'e') and are left out.
-- Parameters: %(schemas)s text[] (the managed schemas), %(secret_options)s text (pgshift.urls.SECRET_OPTION_PATTERN).
WITH members AS (
    SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
)
-- event triggers are modelled (event_triggers.sql) when their function is in the managed schemas;
-- one running a function elsewhere belongs to no managed schema and is named here
SELECT 'event trigger' AS kind, e.evtname::text AS name  -- text: a name column would cut every row at 63 bytes
FROM pg_event_trigger e JOIN pg_proc p ON p.oid = e.evtfoid
WHERE NOT p.pronamespace IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(%(schemas)s))
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid)
UNION ALL
-- foreign tables are modelled (columns.sql), foreign partitions too (partitions.sql), but not the
-- OPTIONS of a foreign partition's own columns
SELECT 'foreign partition column options', n.nspname || '.' || c.relname || '.' || a.attname
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'f' AND c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
  AND a.attfdwoptions IS NOT NULL AND n.nspname = ANY(%(schemas)s)
UNION ALL
-- text search configurations and dictionaries are modelled (ts_configurations.sql, ts_dictionaries.sql);
-- their parsers and templates (C-level) are not
SELECT 'text search parser', n.nspname || '.' || t.prsname
FROM pg_ts_parser t JOIN pg_namespace n ON n.oid = t.prsnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_ts_parser'::regclass AND d.objid = t.oid)
UNION ALL
SELECT 'text search template', n.nspname || '.' || t.tmplname
FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_ts_template'::regclass AND d.objid = t.oid)
UNION ALL
-- operators are modelled (operators.sql); a shell (oprcode 0: named as a COMMUTATOR or NEGATOR, never
-- defined) is not
SELECT 'shell operator', n.nspname || '.' || o.oprname
       || '(' || coalesce(format_type(o.oprleft, NULL), 'NONE') || ', '
       || coalesce(format_type(o.oprright, NULL), 'NONE') || ')'
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE n.nspname = ANY(%(schemas)s) AND o.oprcode = 0
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid)
UNION ALL
SELECT 'operator class', n.nspname || '.' || o.opcname
FROM pg_opclass o JOIN pg_namespace n ON n.oid = o.opcnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_opclass'::regclass AND d.objid = o.oid)
UNION ALL
SELECT 'operator family', n.nspname || '.' || o.opfname
FROM pg_opfamily o JOIN pg_namespace n ON n.oid = o.opfnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_opfamily'::regclass AND d.objid = o.oid)
  -- an operator class created without FAMILY makes a family of the same name: count the class only
  AND NOT EXISTS (SELECT 1 FROM pg_opclass c WHERE c.opcfamily = o.oid AND c.opcname = o.opfname
                  AND c.opcnamespace = o.opfnamespace)
UNION ALL
SELECT 'conversion', n.nspname || '.' || c.conname
FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE n.nspname = ANY(%(schemas)s) AND c.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_conversion'::regclass AND d.objid = c.oid)
UNION ALL
-- casts are modelled (casts.sql) when the schema of their function, else of their source type, else of
-- their target type is managed; the others (two built-in types and no function, or other schemas) not
SELECT 'cast', format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL)
FROM pg_cast c
LEFT JOIN pg_proc p ON p.oid = c.castfunc
WHERE c.oid >= 16384
  AND NOT (CASE WHEN c.castmethod = 'f' THEN p.pronamespace
                WHEN (SELECT typnamespace FROM pg_type WHERE oid = c.castsource) <> 'pg_catalog'::regnamespace
                THEN (SELECT typnamespace FROM pg_type WHERE oid = c.castsource)
                ELSE (SELECT typnamespace FROM pg_type WHERE oid = c.casttarget) END
           IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(%(schemas)s)))
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid)
  -- the range -> multirange casts CREATE TYPE ... AS RANGE makes are part of the range type (deptype 'i')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid
                    AND d.deptype = 'i')
UNION ALL
-- base types (CREATE TYPE with INPUT/OUTPUT functions) and shell types (CREATE TYPE name); the array
-- type made with each type is part of it (deptype 'i')
SELECT CASE t.typtype WHEN 'b' THEN 'base type' ELSE 'shell type' END, n.nspname || '.' || t.typname
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND (t.typtype = 'b' OR (t.typtype = 'p' AND NOT t.typisdefined))
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                    AND d.deptype = 'i')
UNION ALL
-- publications are modelled (publications.sql) when all they name lies in the managed schemas; one
-- naming a table or schema elsewhere is named here
SELECT 'publication', p.pubname FROM pg_publication p
WHERE (EXISTS (SELECT 1 FROM pg_publication_rel r JOIN pg_class c ON c.oid = r.prrelid
               WHERE r.prpubid = p.oid
                 AND NOT c.relnamespace IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(%(schemas)s)))
       OR EXISTS (SELECT 1 FROM pg_publication_namespace s
                  WHERE s.pnpubid = p.oid
                    AND NOT s.pnnspid IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(%(schemas)s))))
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_publication'::regclass AND d.objid = p.oid)
UNION ALL
SELECT 'subscription', s.subname FROM pg_subscription s
WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
UNION ALL
-- foreign-data wrappers made by hand and foreign servers are modelled (foreign_data_wrappers.sql,
-- foreign_servers.sql); user mappings are not: their options hold passwords, which pgshift never reads
-- (named by role and server only, from pg_user_mapping's keys, never its options)
SELECT 'user mapping', coalesce(r.rolname, 'PUBLIC') || ' on ' || s.srvname
FROM pg_user_mapping u JOIN pg_foreign_server s ON s.oid = u.umserver
LEFT JOIN pg_roles r ON r.oid = u.umuser
UNION ALL
-- options whose names look like credentials (the secret_options parameter, pgshift.urls.SECRET_OPTION_PATTERN):
-- named, their values never read; ALTER ... OPTIONS of the others leaves them as they are
SELECT 'foreign server option', s.srvname || '.' || o.option_name
FROM pg_foreign_server s, pg_options_to_table(s.srvoptions) o
WHERE o.option_name ~* %(secret_options)s
UNION ALL
SELECT 'foreign data wrapper option', w.fdwname || '.' || o.option_name
FROM pg_foreign_data_wrapper w, pg_options_to_table(w.fdwoptions) o
WHERE o.option_name ~* %(secret_options)s
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_foreign_data_wrapper'::regclass AND d.objid = w.oid)
UNION ALL
SELECT 'foreign table option', n.nspname || '.' || c.relname || '.' || o.option_name
FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
     pg_options_to_table(ft.ftoptions) o
WHERE o.option_name ~* %(secret_options)s AND n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'foreign table column option', n.nspname || '.' || c.relname || '.' || a.attname || '.' || o.option_name
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
     pg_options_to_table(a.attfdwoptions) o
WHERE c.relkind = 'f' AND a.attnum > 0 AND o.option_name ~* %(secret_options)s AND n.nspname = ANY(%(schemas)s)
UNION ALL
-- privileges on wrappers and servers (GRANT USAGE ON FOREIGN SERVER) are not modelled
SELECT 'foreign server privileges', s.srvname FROM pg_foreign_server s WHERE s.srvacl IS NOT NULL
UNION ALL
SELECT 'foreign data wrapper privileges', w.fdwname FROM pg_foreign_data_wrapper w WHERE w.fdwacl IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_foreign_data_wrapper'::regclass AND d.objid = w.oid)
UNION ALL
SELECT 'procedural language', l.lanname FROM pg_language l
WHERE l.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_language'::regclass AND d.objid = l.oid)
UNION ALL
SELECT 'access method', a.amname FROM pg_am a
WHERE a.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_am'::regclass AND d.objid = a.oid)
-- Settings of managed objects that the model has no field for yet: named, so nothing is lost unseen.
UNION ALL
-- a table's access method is modelled (columns.sql); a materialized view's, and a partition's, are not
SELECT CASE WHEN c.relkind = 'm' THEN 'materialized view access method' ELSE 'partition access method' END,
       n.nspname || '.' || c.relname || ' USING ' || am.amname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam
WHERE (c.relkind = 'm' OR (c.relkind = 'r' AND c.relispartition))
  AND am.amname <> 'heap' AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid)
UNION ALL
-- ALTER TABLE ... REPLICA IDENTITY FULL / NOTHING / USING INDEX: what a publication sends for UPDATE and
-- DELETE (the default, the primary key, is no setting)
SELECT 'table replica identity', n.nspname || '.' || c.relname || ' '
       || CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING' ELSE 'USING INDEX' END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.relreplident <> 'd' AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM members d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid)
UNION ALL
-- ALTER INDEX ... ALTER COLUMN n SET STATISTICS is modelled on the indexes of the model (indexes.sql);
-- not on an index that backs a constraint (an EXCLUDE's), nor a partition's own departing from its parent's
SELECT 'index statistics target',
       n.nspname || '.' || ic.relname || '.' || a.attname
FROM pg_attribute a JOIN pg_class ic ON ic.oid = a.attrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
WHERE ic.relkind IN ('i', 'I') AND a.attnum > 0 AND coalesce(a.attstattarget, -1) >= 0
  AND n.nspname = ANY(%(schemas)s)
  AND (EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ic.oid)
       OR (ic.relispartition AND a.attstattarget IS DISTINCT FROM (
             SELECT pa.attstattarget FROM pg_inherits i JOIN pg_attribute pa ON pa.attrelid = i.inhparent
             WHERE i.inhrelid = ic.oid AND pa.attnum = a.attnum)))
UNION ALL
SELECT 'partition trigger state', n.nspname || '.' || c.relname || '.' || t.tgname
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_trigger pt ON pt.oid = t.tgparentid
WHERE t.tgparentid <> 0 AND t.tgenabled <> pt.tgenabled AND n.nspname = ANY(%(schemas)s)
ORDER BY 1, 2
