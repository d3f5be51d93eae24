-- Partitions of partitioned tables in the chosen schemas, with their bound and comment.
-- Parameters: %(schemas)s text[].
SELECT
    pn.nspname AS parent_schema,
    p.relname AS parent_name,
    n.nspname AS schema,
    c.relname AS name,
    pg_get_expr(c.relpartbound, c.oid) AS bound,
    obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_inherits i ON i.inhrelid = c.oid
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relispartition AND c.relkind IN ('r', 'p') AND pn.nspname = ANY(%(schemas)s)
ORDER BY n.nspname, c.relname
