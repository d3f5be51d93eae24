-- Foreign servers (database-wide), with their wrapper, TYPE, VERSION, options and comment. Options whose
-- names look like credentials (the secret_options parameter, pgshift.urls.SECRET_OPTION_PATTERN: password,
-- sslpassword, ...) are never read here: unmanaged.sql names them, values never leave the server.
-- User mappings are not read at all (their options hold passwords). An extension's own server (deptype
-- 'e') is the extension's.
-- Parameters: secret_options text (schemas is not used: servers are in no schema).
SELECT s.srvname AS name, w.fdwname AS wrapper, s.srvtype AS type, s.srvversion AS version,
       (SELECT jsonb_agg(jsonb_build_array(o.option_name, o.option_value) ORDER BY o.option_name)
        FROM pg_options_to_table(s.srvoptions) o
        WHERE o.option_name !~* %(secret_options)s) AS options,
       obj_description(s.oid, 'pg_foreign_server') AS comment
FROM pg_foreign_server s
JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_foreign_server'::regclass
                    AND d.objid = s.oid AND d.deptype = 'e')
ORDER BY s.srvname
