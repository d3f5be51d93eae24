-- Text search dictionaries, not an extension's (unaccent's own is the extension's). The template is
-- C-level and not managed; the options are dictinitoption as CREATE wrote them (`name = 'value', ...`),
-- split in pgshift.sources.kinds.text_search. Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, d.dictname AS name, tn.nspname AS template_schema, t.tmplname AS template,
       d.dictinitoption AS options, obj_description(d.oid, 'pg_ts_dict') AS comment
FROM pg_ts_dict d
JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_ts_dict'::regclass
                    AND e.objid = d.oid AND e.deptype = 'e')
ORDER BY n.nspname, d.dictname
