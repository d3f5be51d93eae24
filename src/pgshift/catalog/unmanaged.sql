-- Objects of kinds pgshift does not model yet, by kind and name (what "not managed" lists).
-- Parameters: %(schemas)s text[] (unused while only database-wide kinds are listed).
SELECT 'event trigger' AS kind, e.evtname AS name FROM pg_event_trigger e
WHERE cardinality(%(schemas)s::text[]) >= 0
ORDER BY 1, 2
