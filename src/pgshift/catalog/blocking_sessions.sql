-- The sessions blocking backend %(pid)s (pg_blocking_pids), with what a person needs to decide whether
-- to end them: application, state, how long their transaction has been open, and their query.
SELECT a.pid,
       coalesce(a.application_name, '') AS application_name,
       a.state,
       extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS xact_age_s,
       left(coalesce(a.query, ''), 200) AS query
FROM pg_catalog.pg_stat_activity a
WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(%(pid)s))
ORDER BY a.xact_start NULLS LAST, a.pid
