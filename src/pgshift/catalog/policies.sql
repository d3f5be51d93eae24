-- Row-level-security policies. Parameters: %(schemas)s text[].
-- pg_policies has no oid: the comment is found through pg_policy by table and name.
SELECT p.schemaname AS schema, p.tablename AS table_name, p.policyname AS name, p.permissive, p.roles, p.cmd,
       p.qual AS using_expr, p.with_check,
       (SELECT obj_description(pol.oid, 'pg_policy')
        FROM pg_policy pol
        JOIN pg_class c ON c.oid = pol.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = p.schemaname AND c.relname = p.tablename AND pol.polname = p.policyname) AS comment
FROM pg_policies p
WHERE p.schemaname = ANY(%(schemas)s)
ORDER BY p.schemaname, p.tablename, p.policyname
