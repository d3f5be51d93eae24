-- Publications (logical replication: database-wide, in no schema) that name no table and no schema
-- outside the chosen ones: FOR ALL TABLES and empty ones included, since they name nothing a schema
-- filter could place elsewhere (pgshift.model.schema.Publication). One naming anything outside is listed
-- as not managed (unmanaged.sql) and never dropped. An extension's own (deptype 'e') are left out.
-- Column lists (prattrs) and row filters (prqual) are 15+, as is pg_publication_namespace (TABLES IN
-- SCHEMA); publish_generated_columns (pubgencols 's': stored) is 18+, read through to_jsonb so the query
-- runs on 15-17. Parameters: %(schemas)s text[].
WITH rels AS (
    SELECT r.prpubid AS pub, n.nspname AS schema, c.relname AS table_name,
           ARRAY(SELECT a.attname::text FROM unnest(r.prattrs) k
                 JOIN pg_attribute a ON a.attrelid = r.prrelid AND a.attnum = k) AS columns,
           pg_get_expr(r.prqual, r.prrelid) AS row_filter
    FROM pg_publication_rel r
    JOIN pg_class c ON c.oid = r.prrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
), spaces AS (
    SELECT s.pnpubid AS pub, n.nspname AS schema
    FROM pg_publication_namespace s JOIN pg_namespace n ON n.oid = s.pnnspid
)
SELECT p.pubname AS name, p.puballtables AS all_tables,
       coalesce((SELECT json_agg(json_build_object('schema', r.schema, 'table', r.table_name,
                                                   'columns', r.columns, 'where', r.row_filter))
                 FROM rels r WHERE r.pub = p.oid), '[]') AS tables,
       ARRAY(SELECT s.schema::text FROM spaces s WHERE s.pub = p.oid) AS schemas,
       p.pubinsert AS publish_insert, p.pubupdate AS publish_update, p.pubdelete AS publish_delete,
       p.pubtruncate AS publish_truncate, p.pubviaroot AS via_root,
       coalesce(to_jsonb(p) ->> 'pubgencols', 'n') = 's' AS generated_columns,
       obj_description(p.oid, 'pg_publication') AS comment
FROM pg_publication p
WHERE NOT EXISTS (SELECT 1 FROM rels r WHERE r.pub = p.oid AND NOT r.schema = ANY(%(schemas)s))
  AND NOT EXISTS (SELECT 1 FROM spaces s WHERE s.pub = p.oid AND NOT s.schema = ANY(%(schemas)s))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_publication'::regclass
                    AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY p.pubname
