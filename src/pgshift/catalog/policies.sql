-- Row-level-security policies. Parameters: %(schemas)s text[].
SELECT schemaname AS schema, tablename AS table_name, policyname AS name, permissive, roles, cmd,
       qual AS using_expr, with_check
FROM pg_policies
WHERE schemaname = ANY(%(schemas)s)
ORDER BY schemaname, tablename, policyname
