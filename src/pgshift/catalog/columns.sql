-- Every column of every ordinary or partitioned table in the chosen schemas, with its table's facts
-- (persistence, partition key, INHERITS parents, storage parameters, access method). A table without columns gives one row whose column
-- fields are NULL. Partitions are read by partitions.sql. Columns a table inherits (attinhcount > 0) are
-- left out, also when the table declares them again (attislocal): they are the parent's, as schema code
-- reads them (sources/from_sqlalchemy.py). Tables owned by an extension (deptype 'e') are left out.
-- Parameters: %(schemas)s text[].
WITH owned AS (
    -- Sequences owned by a column: serial ('a') and identity ('i'). One pass over pg_depend, joined below.
    SELECT dep.refobjid AS table_oid, dep.refobjsubid AS attnum, s.oid AS seq_oid, s.relname AS seq_name
    FROM pg_depend dep
    JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
    WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
      AND dep.deptype IN ('a', 'i')
), tables AS MATERIALIZED (  -- its subqueries once per table: inlined, they ran once per column row
    SELECT c.oid, c.relname, c.relrowsecurity, n.nspname, c.relpersistence,
           CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by,
           -- WITH (...): the table's own, then its TOAST table's under ``toast.``
           c.reloptions || ARRAY(SELECT 'toast.' || o FROM pg_class tc, unnest(tc.reloptions) o
                                 WHERE tc.oid = c.reltoastrelid) AS storage_parameters,
           (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid = c.oid AND i.indisclustered) AS clustered_on,  -- ALTER TABLE ... CLUSTER ON
           -- USING <am>: relam is 0 for a partitioned table before PostgreSQL 17
           (SELECT am.amname FROM pg_am am WHERE am.oid = c.relam) AS access_method,
           ARRAY(
        SELECT pn.nspname || '.' || p.relname
        FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE i.inhrelid = c.oid ORDER BY i.inhseqno
    ) AS inherits
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND NOT c.relispartition
      AND n.nspname = ANY(%(schemas)s)
      AND NOT EXISTS (
          SELECT 1 FROM pg_depend e
          WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e'
      )
)
SELECT
    c.nspname AS schema,
    c.relname AS table_name,
    c.relrowsecurity AS rls_enabled,
    td.description AS table_comment,
    c.relpersistence = 'u' AS unlogged,
    c.partition_by,
    c.storage_parameters,
    c.clustered_on,
    c.access_method,
    c.inherits,
    a.attnum AS attnum,
    a.attname AS name,
    format_type(a.atttypid, a.atttypmod) AS type,
    a.attndims AS dims,
    t.typtype AS typtype,
    tn.nspname AS type_schema,
    t.typname AS type_name,
    et.typtype AS elem_typtype,
    etn.nspname AS elem_schema,
    et.typname AS elem_name,
    a.attnotnull AS not_null,
    -- PostgreSQL 18+: the NOT NULL constraint's name and NOT VALID (no such row before 18: NULL)
    nn.conname AS not_null_name,
    NOT nn.convalidated AS not_null_not_valid,
    pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END) AS default_expr,
    a.attidentity AS identity,
    a.attgenerated AS generated,
    cd.description AS comment,
    nullif(a.attstattarget, -1) AS statistics,  -- -1 before PostgreSQL 17, NULL from 17: the default
    CASE WHEN a.attstorage <> t.typstorage THEN
        CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'x' THEN 'extended' ELSE 'main' END
    END AS storage,
    CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
    -- a COLLATE of the column's own (not its type's): [schema, name]
    CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
        (SELECT ARRAY[cn.nspname::text, co.collname::text] FROM pg_collation co
         JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation)
    END AS collation,
    -- PostgreSQL's attribute options are n_distinct and n_distinct_inherited; a server may keep
    -- private entries of its own there (seen: pg_attver=<n> on every column), which are not the schema's
    CASE WHEN a.attoptions IS NOT NULL THEN ARRAY(SELECT o FROM unnest(a.attoptions) o
          WHERE split_part(o, '=', 1) IN ('n_distinct', 'n_distinct_inherited')) END AS column_options,
    owned.seq_name AS owned_sequence,
    seq.seqincrement::text AS seq_increment,
    seq.seqmin::text AS seq_min_value,
    seq.seqmax::text AS seq_max_value,
    seq.seqstart::text AS seq_start_with,
    seq.seqcache::text AS seq_cache,
    seq.seqcycle AS seq_cycle
FROM tables c
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attinhcount = 0
LEFT JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN LATERAL (  -- one look-up per column, and none before 18 (a one-time filter)
    SELECT k.conname, k.convalidated FROM pg_constraint k
    WHERE current_setting('server_version_num')::int >= 180000
      AND k.conrelid = c.oid AND k.contype = 'n' AND k.conkey[1] = a.attnum
) nn ON true
LEFT JOIN owned ON owned.table_oid = c.oid AND owned.attnum = a.attnum
LEFT JOIN pg_sequence seq ON seq.seqrelid = owned.seq_oid
LEFT JOIN pg_description td ON td.objoid = c.oid AND td.classoid = 'pg_class'::regclass AND td.objsubid = 0
LEFT JOIN pg_description cd ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum
-- No ORDER BY: sorting 10,000 wide rows spills to disk; the caller orders columns by attnum.
