"""A table's structure page: indexes, constraints, policies, triggers and sizes, straight from the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgshift.studio.catalog import TableMeta


@dataclass(frozen=True)
class Structure:
    indexes: list[tuple[str, str, int]]  # name, definition, bytes
    constraints: list[tuple[str, str, str]]  # name, kind, definition
    policies: list[tuple[str, str, str, str]]  # name, command, using, with check
    triggers: list[tuple[str, str, bool]]  # name, definition, enabled
    sizes: dict[str, int]
    rls: bool
    comment: str | None


_KINDS = {
    "p": "primary key",
    "f": "foreign key",
    "u": "unique",
    "c": "check",
    "x": "exclusion",
    "n": "not null",
}


def read_structure(conn: Any, meta: TableMeta) -> Structure:
    oid = meta.oid
    indexes = conn.execute(
        """SELECT i.relname, pg_get_indexdef(x.indexrelid), pg_relation_size(x.indexrelid)
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s ORDER BY 1""",
        (oid,),
    ).fetchall()
    constraints = conn.execute(
        """SELECT conname, contype::text, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = %s AND contype <> 'n' ORDER BY contype <> 'p', conname""",
        (oid,),
    ).fetchall()
    policies = conn.execute(
        """SELECT polname, CASE polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                  WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
                  COALESCE(pg_get_expr(polqual, polrelid), ''), COALESCE(pg_get_expr(polwithcheck, polrelid), '')
           FROM pg_policy WHERE polrelid = %s ORDER BY 1""",
        (oid,),
    ).fetchall()
    triggers = conn.execute(
        """SELECT tgname, pg_get_triggerdef(oid), tgenabled <> 'D' FROM pg_trigger
           WHERE tgrelid = %s AND NOT tgisinternal ORDER BY 1""",
        (oid,),
    ).fetchall()
    found = conn.execute(
        """SELECT pg_table_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid),
                  c.relrowsecurity, obj_description(c.oid, 'pg_class')
           FROM pg_class c WHERE c.oid = %s""",
        (oid,),
    ).fetchone()
    table_bytes, index_bytes, total, rls, comment = found
    return Structure(
        indexes=[(n, d, int(b)) for n, d, b in indexes],
        constraints=[(n, _KINDS.get(k, k), d) for n, k, d in constraints],
        policies=list(policies),
        triggers=list(triggers),
        sizes={"table": int(table_bytes or 0), "indexes": int(index_bytes or 0), "total": int(total or 0)},
        rls=bool(rls),
        comment=comment,
    )


def human_bytes(n: int | None) -> str:
    if n is None:
        return "—"
    size = float(n)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
