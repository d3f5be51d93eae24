-- Explicit privileges on tables (views, sequences, ...), their columns, routines, types and schemas in the
-- chosen schemas: each ACL entry minus what the object has without a GRANT (a NULL ACL, the entries of
-- acldefault(), the owner's own rights, PUBLIC's USAGE on schema public). ``revoked``: an entry of
-- acldefault() for another role than the owner (PUBLIC's EXECUTE on a routine, USAGE on a type) that a
-- non-NULL ACL no longer holds (REVOKE EXECUTE ... FROM PUBLIC). Extension-owned objects left out. One
-- row per object (or column), grantee and revoked; grantee 0 is PUBLIC. Parameters: %(schemas)s text[].
WITH acls AS (
    SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END AS kind, n.nspname AS schema,
           c.relname AS name, NULL::text AS column_name, NULL::text[] AS arg_types,
           c.relacl AS acl, c.relowner AS owner, CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END AS default_kind,
           c.oid AS objid, 'pg_class'::regclass AS classid
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    -- foreign tables too: GRANT ... ON TABLE names them as it names tables
    WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname = ANY(%(schemas)s)
  UNION ALL
    SELECT 'table', n.nspname, c.relname, a.attname, NULL, a.attacl, c.relowner, 'c', c.oid, 'pg_class'::regclass
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname = ANY(%(schemas)s)
  UNION ALL
    SELECT CASE WHEN p.prokind = 'p' THEN 'procedure' ELSE 'function' END, n.nspname, p.proname, NULL,
           ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(t, i) ORDER BY i),
           p.proacl, p.proowner, 'f', p.oid, 'pg_proc'::regclass
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proacl IS NOT NULL AND n.nspname = ANY(%(schemas)s)
  UNION ALL
    SELECT CASE WHEN t.typtype = 'd' THEN 'domain' ELSE 'type' END, n.nspname, t.typname, NULL, NULL,
           t.typacl, t.typowner, 'T', t.oid, 'pg_type'::regclass
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typacl IS NOT NULL AND n.nspname = ANY(%(schemas)s)
      AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)  -- an array type follows its element
      AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
  UNION ALL
    SELECT 'schema', n.nspname, n.nspname, NULL, NULL, n.nspacl, n.nspowner, 'n', n.oid, 'pg_namespace'::regclass
    FROM pg_namespace n
    WHERE n.nspacl IS NOT NULL AND n.nspname = ANY(%(schemas)s)
), own AS (
    SELECT * FROM acls o
    WHERE NOT EXISTS (
        SELECT 1 FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype = 'e')
), entries AS (
    SELECT o.kind, o.schema, o.name, o.column_name, o.arg_types, e.grantee, e.privilege_type, e.is_grantable,
           false AS revoked
    FROM own o, aclexplode(o.acl) e
    WHERE e.grantee <> o.owner
      AND NOT EXISTS (
          SELECT 1 FROM aclexplode(acldefault(o.default_kind::"char", o.owner)) d
          WHERE d.grantee = e.grantee AND d.privilege_type = e.privilege_type AND d.is_grantable >= e.is_grantable)
      -- schema public comes with USAGE for PUBLIC (and CREATE before PostgreSQL 15)
      AND NOT (o.kind = 'schema' AND o.name = 'public' AND e.grantee = 0 AND e.grantor = o.owner
               AND (e.privilege_type = 'USAGE'
                    OR (e.privilege_type = 'CREATE' AND current_setting('server_version_num')::int < 150000)))
  UNION ALL
    SELECT o.kind, o.schema, o.name, o.column_name, o.arg_types, d.grantee, d.privilege_type, false, true
    FROM own o, aclexplode(acldefault(o.default_kind::"char", o.owner)) d
    WHERE d.grantee <> o.owner
      AND NOT EXISTS (
          SELECT 1 FROM aclexplode(o.acl) e WHERE e.grantee = d.grantee AND e.privilege_type = d.privilege_type)
)
SELECT kind, schema, name, column_name, arg_types, revoked,
       CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(grantee) END AS grantee,
       array_agg(DISTINCT privilege_type ORDER BY privilege_type) AS privileges,
       coalesce(array_agg(DISTINCT privilege_type ORDER BY privilege_type) FILTER (WHERE is_grantable), '{}')
           AS grantable
FROM entries
GROUP BY kind, schema, name, column_name, arg_types, grantee, revoked
ORDER BY kind, schema, name, column_name, grantee, revoked
