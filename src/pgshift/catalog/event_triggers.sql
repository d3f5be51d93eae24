-- Event triggers (database-wide, not in a schema): those whose function lives in the chosen schemas,
-- the schemas that hold what they run (pgshift.model.schema.EventTrigger); the others are listed as not
-- managed (unmanaged.sql). An extension's own (deptype 'e') are the extension's and left out.
-- Parameters: %(schemas)s text[].
SELECT e.evtname AS name, e.evtevent AS event, coalesce(e.evttags, '{}') AS tags,
       fn.nspname AS function_schema, p.proname AS function_name, e.evtenabled AS enabled,
       obj_description(e.oid, 'pg_event_trigger') AS comment
FROM pg_event_trigger e
JOIN pg_proc p ON p.oid = e.evtfoid
JOIN pg_namespace fn ON fn.oid = p.pronamespace
WHERE fn.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_event_trigger'::regclass
                    AND d.objid = e.oid AND d.deptype = 'e')
ORDER BY e.evtname
