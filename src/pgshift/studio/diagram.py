"""The schema diagram: every table as a box with its columns, every foreign key as a line.

Layout is computed here, once, in Python: tables are ordered by walking the foreign-key graph
(largest connected group first) and laid out row by row, so related tables sit near each other and a
1,000-table database is one SVG the browser draws without any layout work. ``focus`` keeps one table and
its direct neighbours.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

BOX_W = 220
LINE_H = 16
HEAD_H = 24
GAP_X = 60
GAP_Y = 40
MAX_COLUMNS = 10
# Above this many tables the overview draws names only (with a column count): 1,000 boxes of ten columns are
# 20,000 SVG texts, seconds of parsing and layout in the browser. Focusing on a table shows its columns again.
COMPACT_FROM = 150


@dataclass(frozen=True)
class Box:
    key: str  # "schema.table"
    schema: str
    name: str
    columns: tuple[tuple[str, str, bool], ...]  # name, type, in primary key
    more: int  # columns not drawn
    x: int
    y: int
    h: int


@dataclass(frozen=True)
class Edge:
    child: str
    parent: str
    path: str  # SVG path data


@dataclass(frozen=True)
class Diagram:
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int
    focus: str | None
    compact: bool = False


_TABLES = """
SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
       COALESCE(a.attnum = ANY (pk.conkey), false)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%%'
  AND n.nspname <> %s
ORDER BY 1, 2, a.attnum
"""
_FKS = """
SELECT cn.nspname || '.' || cc.relname, rn.nspname || '.' || rc.relname
FROM pg_constraint con
JOIN pg_class cc ON cc.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype = 'f' AND cn.nspname <> %s
"""


def _order(keys: list[str], links: dict[str, set[str]]) -> list[str]:
    """Breadth-first over the undirected FK graph, biggest connected group first."""
    seen: set[str] = set()
    groups: list[list[str]] = []
    for start in keys:
        if start in seen:
            continue
        group: list[str] = []
        queue = deque([start])
        seen.add(start)
        while queue:
            key = queue.popleft()
            group.append(key)
            for other in sorted(links[key]):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        groups.append(group)
    groups.sort(key=len, reverse=True)
    return [k for g in groups for k in g]


def build_diagram(conn: Any, tracking_schema: str, focus: str | None = None) -> Diagram:
    columns: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for schema, table, col, typ, in_pk in conn.execute(_TABLES, (tracking_schema,)).fetchall():
        key = f"{schema}.{table}"
        names[key] = (schema, table)
        columns[key].append((col, typ, bool(in_pk)))
    fks = [(c, p) for c, p in conn.execute(_FKS, (tracking_schema,)).fetchall() if c in names and p in names]
    links: dict[str, set[str]] = defaultdict(set)
    for child, parent in fks:
        if child != parent:
            links[child].add(parent)
            links[parent].add(child)
    keys = sorted(names)
    if focus is not None and focus in names:
        keep = {focus, *links[focus]}
        keys = [k for k in keys if k in keep]
        fks = [(c, p) for c, p in fks if c in keep and p in keep]
    else:
        focus = None
    ordered = _order(keys, links)
    compact = len(ordered) > COMPACT_FROM
    per_row = max(1, math.ceil(math.sqrt(len(ordered) * (0.5 if compact else 1.6)))) if ordered else 1
    boxes: dict[str, Box] = {}
    y = 20
    for start in range(0, len(ordered), per_row):
        row = ordered[start : start + per_row]
        tallest = 0
        for i, key in enumerate(row):
            cols = columns[key]
            shown = () if compact else tuple(cols[:MAX_COLUMNS])
            more = len(cols) - len(shown)
            h = HEAD_H + LINE_H * (len(shown) + (1 if more else 0)) + 8
            schema, name = names[key]
            boxes[key] = Box(key, schema, name, shown, more, 20 + i * (BOX_W + GAP_X), y, h)
            tallest = max(tallest, h)
        y += tallest + GAP_Y
    edges = []
    for child, parent in fks:
        a, b = boxes[child], boxes[parent]
        if child == parent:
            x0, y0 = a.x + BOX_W, a.y + HEAD_H // 2
            path = f"M{x0},{y0} c30,0 30,{a.h // 2} 0,{a.h // 2}"
        else:
            ax = a.x + BOX_W if a.x + BOX_W / 2 < b.x + BOX_W / 2 else a.x
            bx = b.x if ax == a.x + BOX_W else b.x + BOX_W
            if a.x == b.x:
                ax, bx = a.x + BOX_W, b.x + BOX_W
            ay, by = a.y + HEAD_H // 2, b.y + HEAD_H // 2
            bend = 40 if ax <= bx else -40
            if a.x == b.x:
                bend = 40
                path = f"M{ax},{ay} C{ax + 60},{ay} {bx + 60},{by} {bx},{by}"
            else:
                path = f"M{ax},{ay} C{ax + bend},{ay} {bx - bend},{by} {bx},{by}"
        edges.append(Edge(child, parent, path))
    width = max((b.x + BOX_W for b in boxes.values()), default=400) + 40
    height = max((b.y + b.h for b in boxes.values()), default=300) + 40
    return Diagram(tuple(boxes[k] for k in ordered), tuple(edges), width, height, focus, compact)
