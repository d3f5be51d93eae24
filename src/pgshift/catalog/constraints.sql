-- Primary key, unique, foreign key, check and exclusion constraints of tables in the chosen schemas.
-- Parameters: %(schemas)s text[].
SELECT
    n.nspname AS schema,
    cl.relname AS table_name,
    con.conname AS name,
    con.contype AS kind,
    ARRAY(
        SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        ORDER BY k.ord
    ) AS columns,
    fn.nspname AS ref_schema,
    fcl.relname AS ref_table,
    ARRAY(
        SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
        ORDER BY k.ord
    ) AS ref_columns,
    con.confdeltype AS on_delete,
    con.confupdtype AS on_update,
    con.confmatchtype = 'f' AS match_full,
    ARRAY(
        SELECT a.attname FROM unnest(con.confdelsetcols) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        ORDER BY k.ord
    ) AS on_delete_columns,
    con.condeferrable AS deferrable,
    con.condeferred AS deferred,
    -- PostgreSQL 18+ columns read through to_jsonb (v18 below), so the query runs unchanged on older
    -- servers (absent: enforced, no period). A NOT ENFORCED constraint is never validated: not_valid
    -- only when enforced.
    v18.enforced,
    v18.without_overlaps,
    NOT con.convalidated AND v18.enforced AS not_valid,
    -- Only CHECK bodies, EXCLUDE definitions and UNIQUE's NULLS NOT DISTINCT are read from the text.
    CASE WHEN con.contype IN ('c', 'u', 'x') THEN pg_get_constraintdef(con.oid, true) END AS definition,
    d.description AS comment
FROM pg_constraint con
CROSS JOIN LATERAL (
    SELECT coalesce((j ->> 'conenforced')::boolean, true) AS enforced,
           coalesce((j ->> 'conperiod')::boolean, false) AS without_overlaps
    -- (converting the row costs: only on 17+ (conperiod; conenforced from 18) and for the kinds concerned)
    FROM (SELECT CASE WHEN con.contype IN ('f', 'c', 'p', 'u')
                       AND current_setting('server_version_num')::int >= 170000
                      THEN to_jsonb(con) END AS j) row_as_json
) v18
JOIN pg_class cl ON cl.oid = con.conrelid
JOIN pg_namespace n ON n.oid = cl.relnamespace
LEFT JOIN pg_class fcl ON fcl.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fcl.relnamespace
LEFT JOIN pg_description d ON d.objoid = con.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  AND cl.relkind IN ('r', 'p')
  AND n.nspname = ANY(%(schemas)s)
  AND con.conislocal
ORDER BY n.nspname, cl.relname, con.conname
