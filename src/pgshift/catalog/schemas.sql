-- Which of the chosen schemas exist. Parameters: %(schemas)s text[].
SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY(%(schemas)s) ORDER BY nspname
