"""``tables_filter``: glob patterns choosing tables, ``!pattern`` excluding, as Drizzle Kit's tablesFilter.

A table matches when it matches at least one positive pattern (or there are none) and no negative one.
Patterns match the bare table name, or ``schema.table`` when they contain a dot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fnmatch import fnmatchcase


def table_matcher(patterns: Sequence[str]) -> Callable[[str, str], bool]:
    """A predicate ``(schema, table) -> bool`` for the given patterns."""
    include = [p for p in patterns if not p.startswith("!")]
    exclude = [p[1:] for p in patterns if p.startswith("!")]

    def hit(pattern: str, schema: str, table: str) -> bool:
        return fnmatchcase(f"{schema}.{table}" if "." in pattern else table, pattern)

    def matches(schema: str, table: str) -> bool:
        if include and not any(hit(p, schema, table) for p in include):
            return False
        return not any(hit(p, schema, table) for p in exclude)

    return matches
