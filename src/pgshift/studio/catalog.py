"""Catalog reads for the studio: tables with estimates and sizes, one table's columns, keys and links.

Every table or column name that arrives in a request is looked up here first; only names found in
the catalog are ever put in SQL (and then through ``sql.Identifier``). Types are the catalog's own
``format_type`` text, never the request's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg.rows import dict_row

from pgshift.studio.errors import not_found

_SYSTEM = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'"
RELKINDS = {
    "r": "table",
    "p": "partitioned table",
    "v": "view",
    "m": "materialized view",
    "f": "foreign table",
}


@dataclass(frozen=True)
class TableInfo:
    schema: str
    name: str
    kind: str
    estimate: int | None  # None: never vacuumed or analyzed
    total_bytes: int


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # format_type with modifiers, shown to people
    cast: str  # format_type without modifiers, used to cast parameters (too long still fails)
    category: str  # pg_type.typcategory: N numeric, S string, D date/time, B bool, A array, U json...
    not_null: bool
    default: str | None
    generated: bool  # GENERATED ALWAYS AS (...) STORED or GENERATED ALWAYS AS IDENTITY: not writable

    @property
    def is_json(self) -> bool:
        return self.type in ("json", "jsonb")

    @property
    def kind(self) -> str:
        """A coarse type family deciding the filter operators and alignment."""
        if self.is_json:
            return "json"
        return {"N": "number", "S": "text", "D": "time", "B": "bool", "A": "array", "E": "enum"}.get(
            self.category, "other"
        )


@dataclass(frozen=True)
class ForeignKey:
    name: str
    schema: str  # the referencing table
    table: str
    columns: tuple[str, ...]
    ref_schema: str
    ref_table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class TableMeta:
    oid: int
    schema: str
    name: str
    kind: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    outgoing: tuple[ForeignKey, ...]
    incoming: tuple[ForeignKey, ...]
    estimate: int | None

    def column(self, name: str) -> Column | None:
        for column in self.columns:
            if column.name == name:
                return column
        return None

    @property
    def editable(self) -> bool:
        return self.kind in ("table", "partitioned table") and bool(self.primary_key)

    def link_of(self, column: str) -> ForeignKey | None:
        """The single-column foreign key starting at ``column``, if any (what a cell links to)."""
        for fk in self.outgoing:
            if fk.columns == (column,):
                return fk
        return None


def list_tables(conn: Any) -> list[TableInfo]:
    """Every user table, view and materialized view with its row estimate and total size."""
    rows = conn.execute(
        f"""
        SELECT n.nspname, c.relname, c.relkind::text,
               CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END,
               CASE WHEN c.relkind IN ('r', 'm', 'p') THEN pg_total_relation_size(c.oid) ELSE 0 END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND {_SYSTEM}
        ORDER BY 1, 2
        """
    ).fetchall()
    return [TableInfo(s, t, RELKINDS[k], e, int(b)) for s, t, k, e, b in rows]


_COLUMNS = """
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       format_type(a.atttypid, NULL) AS cast, t.typcategory::text AS category, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default,
       (a.attgenerated <> '' OR a.attidentity = 'a') AS generated,
       COALESCE(a.attnum = ANY (pk.conkey), false) AS in_pk,
       array_position(pk.conkey, a.attnum) AS pk_pos
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_constraint pk ON pk.conrelid = a.attrelid AND pk.contype = 'p'
WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""

_FKS = """
SELECT con.conname AS name, cn.nspname AS schema, cc.relname AS table,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
       rn.nspname AS ref_schema, rc.relname AS ref_table,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS ref_columns,
       con.conrelid = %(oid)s AS outgoing, con.confrelid = %(oid)s AS incoming
FROM pg_constraint con
JOIN pg_class cc ON cc.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype = 'f' AND (con.conrelid = %(oid)s OR con.confrelid = %(oid)s)
ORDER BY con.conname
"""


def table_meta(conn: Any, schema: str, name: str) -> TableMeta:
    """Columns, primary key and foreign keys (both ways) of one table; unknown names are a 404."""
    found = conn.execute(
        f"""SELECT c.oid, c.relkind::text, CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND c.relname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {_SYSTEM}""",
        (schema, name),
    ).fetchone()
    if found is None:
        raise not_found(f"no table {schema}.{name} in this database")
    oid, relkind, estimate = found
    with conn.cursor(row_factory=dict_row) as cur:
        cols = cur.execute(_COLUMNS, (oid,)).fetchall()
        fks = cur.execute(_FKS, {"oid": oid}).fetchall()
    columns = tuple(
        Column(c["name"], c["type"], c["cast"], c["category"], c["not_null"], c["default"], c["generated"])
        for c in cols
    )
    pk = tuple(c["name"] for c in sorted((c for c in cols if c["in_pk"]), key=lambda c: c["pk_pos"]))

    def fk(r: dict[str, Any]) -> ForeignKey:
        return ForeignKey(r["name"], r["schema"], r["table"], tuple(r["columns"]), r["ref_schema"],
                          r["ref_table"], tuple(r["ref_columns"]))  # fmt: skip

    return TableMeta(
        oid=oid,
        schema=schema,
        name=name,
        kind=RELKINDS[relkind],
        columns=columns,
        primary_key=pk,
        outgoing=tuple(fk(r) for r in fks if r["outgoing"]),
        incoming=tuple(fk(r) for r in fks if r["incoming"]),
        estimate=estimate,
    )
