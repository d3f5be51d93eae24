-- Text search configurations, not an extension's: the parser (C-level, not managed) and the mappings,
-- one per token type in token order (its alias from ts_token_type of the parser), each with its
-- dictionaries in lookup order as [schema, name]. Parameters: %(schemas)s text[].
SELECT n.nspname AS schema, c.cfgname AS name, pn.nspname AS parser_schema, p.prsname AS parser,
       (SELECT coalesce(json_agg(json_build_array(t.alias, maps.dictionaries) ORDER BY maps.token), '[]')
        FROM (SELECT m.maptokentype AS token,
                     json_agg(json_build_array(dn.nspname, d.dictname) ORDER BY m.mapseqno) AS dictionaries
              FROM pg_ts_config_map m
              JOIN pg_ts_dict d ON d.oid = m.mapdict
              JOIN pg_namespace dn ON dn.oid = d.dictnamespace
              WHERE m.mapcfg = c.oid
              GROUP BY m.maptokentype) maps
        JOIN ts_token_type(c.cfgparser) t ON t.tokid = maps.token) AS mappings,
       obj_description(c.oid, 'pg_ts_config') AS comment
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_ts_config'::regclass
                    AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY n.nspname, c.cfgname
