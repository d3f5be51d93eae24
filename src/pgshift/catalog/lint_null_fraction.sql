-- Fraction of NULLs in one column from the planner statistics (no scan of a large table).
SELECT null_frac FROM pg_stats WHERE schemaname = %(schema)s AND tablename = %(table)s AND attname = %(column)s
