-- ALTER DEFAULT PRIVILEGES entries of this database, for every schema (no IN SCHEMA) or one of the chosen
-- schemas. A database-wide entry holds the whole ACL new objects get, so the built-in part (acldefault of
-- the role) is left out; a per-schema entry holds only what it adds. ``role`` is NULL for the current
-- user (migrations apply without FOR ROLE). ``revoked``: a built-in default a database-wide entry no
-- longer holds (ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC), one row per grantee.
-- Parameters: %(schemas)s text[].
WITH entries AS (
    SELECT d.defaclrole, n.nspname AS schema, d.defaclobjtype, e.grantee, e.privilege_type, e.is_grantable,
           false AS revoked
    FROM pg_default_acl d
    LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace,
         aclexplode(d.defaclacl) e
    WHERE (d.defaclnamespace = 0 OR n.nspname = ANY(%(schemas)s))
      AND NOT (d.defaclnamespace = 0 AND EXISTS (
          SELECT 1
          FROM aclexplode(acldefault(CASE WHEN d.defaclobjtype = 'S' THEN 's' ELSE d.defaclobjtype END::"char",
                                     d.defaclrole)) x
          WHERE x.grantee = e.grantee AND x.privilege_type = e.privilege_type
            AND x.is_grantable >= e.is_grantable))
    UNION ALL
    SELECT d.defaclrole, NULL, d.defaclobjtype, x.grantee, x.privilege_type, false, true
    FROM pg_default_acl d,
         aclexplode(acldefault(CASE WHEN d.defaclobjtype = 'S' THEN 's' ELSE d.defaclobjtype END::"char",
                               d.defaclrole)) x
    WHERE d.defaclnamespace = 0
      AND NOT EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) e
                      WHERE e.grantee = x.grantee AND e.privilege_type = x.privilege_type)
)
SELECT CASE WHEN defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN NULL
            ELSE pg_get_userbyid(defaclrole) END AS role,
       schema,
       CASE defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                          WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' END AS on_objects,
       CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(grantee) END AS grantee,
       array_agg(DISTINCT privilege_type ORDER BY privilege_type) AS privileges,
       coalesce(array_agg(DISTINCT privilege_type ORDER BY privilege_type) FILTER (WHERE is_grantable), '{}')
           AS grantable,
       revoked
FROM entries
GROUP BY defaclrole, schema, defaclobjtype, grantee, revoked
ORDER BY 1, 2, 3, 4
