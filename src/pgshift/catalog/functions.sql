-- Functions, procedures and aggregates in the server's canonical form. Parameters: %(schemas)s text[].
-- Aggregates have no pg_get_functiondef: their CREATE AGGREGATE is rebuilt from pg_aggregate.
SELECT n.nspname AS schema, p.proname AS name, p.prokind AS kind,
       -- an aggregate of no arguments is written agg(*): agg() does not parse
       CASE WHEN p.prokind = 'a' AND p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(p.oid) END AS identity_args,
       CASE WHEN p.prokind = 'a' AND p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END AS arguments,
       pg_get_function_result(p.oid) AS result,
       -- names and modes, to quote names a newer parser reads as keywords (pg/parser.parameter_names_quoted)
       p.proargnames AS arg_names, p.proargmodes::text[] AS arg_modes,
       CASE WHEN p.prokind = 'a' THEN
         'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
         || '(' || CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END || ') ('
         || concat_ws(', ',
              'SFUNC = ' || a.aggtransfn::regproc::text,
              'STYPE = ' || format_type(a.aggtranstype, NULL),
              CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
              CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
              CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
              CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
              CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
              CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
              CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
              CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = ' || (SELECT o.oprname FROM pg_operator o WHERE o.oid = a.aggsortop) END,
              CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
              CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END)
         || ')'
       ELSE pg_get_functiondef(p.oid) END AS definition,
       od.description AS comment
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
LEFT JOIN pg_description od ON od.objoid = p.oid AND od.classoid = 'pg_proc'::regclass AND od.objsubid = 0
WHERE n.nspname = ANY(%(schemas)s)
  -- not owned by an extension, not made by CREATE TYPE (range constructors: an internal dependency)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
ORDER BY n.nspname, p.proname, 4
