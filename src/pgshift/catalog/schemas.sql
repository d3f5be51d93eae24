-- Which of the chosen schemas exist, with their comments. Parameters: %(schemas)s text[].
SELECT nspname AS name, obj_description(oid, 'pg_namespace') AS comment
FROM pg_namespace WHERE nspname = ANY(%(schemas)s) ORDER BY nspname
