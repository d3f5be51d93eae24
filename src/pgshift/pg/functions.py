"""Facts about Postgres's built-in functions that decide how a statement behaves.

One list, read by both ``generate`` (pgshift.diff: what adding a column costs) and the linter
(pgshift.lint: the ``add-column-volatile-default`` rule), so the two can never disagree about the same
``ADD COLUMN ... DEFAULT f()``.
"""

from __future__ import annotations

from collections.abc import Iterable

# Built-in functions that are VOLATILE (pg_proc.provolatile = 'v') and common in column defaults. A
# volatile default is evaluated per row, so ADD COLUMN ... DEFAULT f() rewrites the table; a STABLE or
# IMMUTABLE one (now(), current_date, constants) is evaluated once and stored in the catalog (PG11+).
VOLATILE_FUNCTIONS = frozenset(
    {"random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv7",
     "uuidv4", "clock_timestamp", "timeofday", "nextval", "setseed",
     "random_normal"}
)  # fmt: skip


def first_volatile(function_names: Iterable[str]) -> str | None:
    """The first of ``function_names`` (possibly schema-qualified) that is a known volatile function."""
    for name in function_names:
        bare = name.rsplit(".", 1)[-1]
        if bare in VOLATILE_FUNCTIONS:
            return bare
    return None


def volatile_call(expression: str) -> str | None:
    """The known volatile function an SQL expression calls, if any (found with the real parser)."""
    import postgast

    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return None
    return first_volatile(postgast.extract_functions(tree))
