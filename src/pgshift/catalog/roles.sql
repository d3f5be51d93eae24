-- Which of the given role names exist in the cluster. Parameters: %(names)s text[].
SELECT rolname AS name FROM pg_roles WHERE rolname = ANY(%(names)s)
