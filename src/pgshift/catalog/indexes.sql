-- Indexes that do not back a constraint, decomposed per key, on tables and partitioned tables and on
-- materialized views (on_view). Parameters: %(schemas)s text[].
-- indoption bit 1 = DESC, bit 2 = NULLS FIRST. An opclass is reported only when it is not the default.
SELECT
    n.nspname AS schema,
    t.relname AS table_name,
    t.relkind = 'm' AS on_view,
    i.relname AS name,
    ix.indisunique AS is_unique,
    am.amname AS method,
    pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
    ix.indnkeyatts AS key_count,
    i.reloptions AS options,
    ix.indnullsnotdistinct AS nulls_not_distinct,
    -- The whole definition only where a key's COLLATE may be printed (its collation is not its column's,
    -- or the key is a collatable expression): printing every index's costs a third of this query.
    CASE WHEN EXISTS (
        SELECT 1 FROM generate_subscripts(ix.indkey, 1) k(sub)
        LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k.sub]
        WHERE k.sub < ix.indnkeyatts AND ix.indcollation[k.sub] <> 0
          AND (a.attnum IS NULL OR a.attcollation <> ix.indcollation[k.sub])
    ) THEN pg_get_indexdef(ix.indexrelid) END AS definition,
    ARRAY(
        SELECT pg_get_indexdef(ix.indexrelid, k.ord::int, true)
        FROM generate_subscripts(ix.indkey, 1) WITH ORDINALITY k(sub, ord)
        ORDER BY k.ord
    ) AS keys,
    ARRAY(
        SELECT ix.indkey[k.sub] <> 0 FROM generate_subscripts(ix.indkey, 1) k(sub) ORDER BY k.sub
    ) AS is_column,
    ARRAY(
        SELECT ix.indoption[k.sub] FROM generate_subscripts(ix.indoption, 1) k(sub) ORDER BY k.sub
    ) AS options_bits,
    ARRAY(
        SELECT CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END
        FROM generate_subscripts(ix.indclass, 1) k(sub)
        JOIN pg_opclass opc ON opc.oid = ix.indclass[k.sub]
        ORDER BY k.sub
    ) AS opclasses,
    d.description AS comment,
    -- ALTER INDEX ... ALTER COLUMN n SET STATISTICS, by position: only the keys that have one (-1 before
    -- PostgreSQL 17, NULL from 17: the default)
    (SELECT jsonb_object_agg(a.attnum, a.attstattarget) FROM pg_attribute a
     WHERE a.attrelid = ix.indexrelid AND a.attnum > 0 AND a.attstattarget >= 0) AS key_statistics
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_description d ON d.objoid = i.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY(%(schemas)s)
  AND t.relkind IN ('r', 'p', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))
  -- a partition's copies of its parent's indexes are the parent's (and partitions are not tables of the model)
  AND NOT t.relispartition
ORDER BY n.nspname, t.relname, i.relname
