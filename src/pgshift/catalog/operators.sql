-- User-defined operators in the chosen schemas (schema, name, operand types), not an extension's
-- (deptype 'e') and not shells (oprcode 0: made by a COMMUTATOR or NEGATOR naming an operator not yet
-- defined; listed as not managed in unmanaged.sql). Functions are printed schema-qualified (built-in
-- estimators as pg_catalog.eqsel), so the text is the same whatever the search_path.
-- Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, o.oprname AS name,
       CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS "left",
       format_type(o.oprright, NULL) AS "right",
       (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.proname)
        FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = o.oprcode) AS function,
       -- a link as a pair: filling in a shell made by another's COMMUTATOR/NEGATOR links back on 15
       -- but not on 16, and CREATE OPERATOR naming an existing operator links both ways everywhere
       (SELECT quote_ident(cn.nspname) || '.' || c.oprname
        FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace
        WHERE c.oid = o.oprcom OR (o.oprcom = 0 AND c.oprcom = o.oid) ORDER BY c.oid = o.oprcom DESC LIMIT 1) AS commutator,
       (SELECT quote_ident(cn.nspname) || '.' || c.oprname
        FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace
        WHERE c.oid = o.oprnegate OR (o.oprnegate = 0 AND c.oprnegate = o.oid) ORDER BY c.oid = o.oprnegate DESC LIMIT 1) AS negator,
       (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.proname)
        FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = o.oprrest) AS restrict,
       (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.proname)
        FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE p.oid = o.oprjoin) AS "join",
       o.oprcanhash AS hashes, o.oprcanmerge AS merges,
       obj_description(o.oid, 'pg_operator') AS comment
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE n.nspname = ANY(%(schemas)s) AND o.oprcode <> 0
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid
                    AND d.deptype = 'e')
ORDER BY 1, 2, 3, 4
