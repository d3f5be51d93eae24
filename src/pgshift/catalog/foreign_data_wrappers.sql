-- Foreign-data wrappers made by hand (database-wide); an extension's own (postgres_fdw, file_fdw:
-- deptype 'e') are the extension's and left out. Options whose names look like credentials
-- (the secret_options parameter, pgshift.urls.SECRET_OPTION_PATTERN) are never read here: unmanaged.sql names them.
-- Parameters: secret_options text (schemas is not used: wrappers are in no schema).
SELECT w.fdwname AS name,
       CASE WHEN w.fdwhandler <> 0 THEN
           (SELECT ARRAY[n.nspname::text, p.proname::text] FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = w.fdwhandler) END AS handler,
       CASE WHEN w.fdwvalidator <> 0 THEN
           (SELECT ARRAY[n.nspname::text, p.proname::text] FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = w.fdwvalidator) END AS validator,
       (SELECT jsonb_agg(jsonb_build_array(o.option_name, o.option_value) ORDER BY o.option_name)
        FROM pg_options_to_table(w.fdwoptions) o
        WHERE o.option_name !~* %(secret_options)s) AS options,
       obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment
FROM pg_foreign_data_wrapper w
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_foreign_data_wrapper'::regclass
                    AND d.objid = w.oid AND d.deptype = 'e')
ORDER BY w.fdwname
